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
