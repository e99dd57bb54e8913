// libxml2 for Swift. Debian builds libxml2 with ICU; its headers would then clash with Foundation's
// own ICU module, so the ICU part is switched off before the parser headers are read.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlerror.h>
#include <libxml/HTMLparser.h>

// Swift 6 refuses global C function pointers such as xmlFree; call them through these.
static inline void gevinst_xml_free(void *pointer) { xmlFree(pointer); }

// The calling thread's libxml2 error handlers. Errors that libxml2 raises without a parser context
// (encoding conversion, for one) go to these instead of the parser's own handler.
typedef struct {
    xmlStructuredErrorFunc structured;
    void *structuredContext;
    xmlGenericErrorFunc generic;
    void *genericContext;
} gevinst_xml_error_handlers;

static inline void gevinst_xml_ignore_generic_error(void *context, const char *message, ...) {
    (void)context;
    (void)message;
}

// Sends this thread's libxml2 errors to `handler` and silences the generic (stderr) channel;
// returns the handlers to restore afterwards.
static inline gevinst_xml_error_handlers gevinst_xml_capture_errors(xmlStructuredErrorFunc handler, void *context) {
    gevinst_xml_error_handlers previous = {
        xmlStructuredError, xmlStructuredErrorContext, xmlGenericError, xmlGenericErrorContext
    };
    xmlSetStructuredErrorFunc(context, handler);
    xmlSetGenericErrorFunc(NULL, gevinst_xml_ignore_generic_error);
    return previous;
}

static inline void gevinst_xml_restore_errors(gevinst_xml_error_handlers previous) {
    xmlSetStructuredErrorFunc(previous.structuredContext, previous.structured);
    xmlSetGenericErrorFunc(previous.genericContext, previous.generic);
}
