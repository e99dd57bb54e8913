/* libxml2's own parse speed on a file, as the import drives it: the SAX2 parser over an IO context
 * reading the file in the pieces libxml2 asks for, the import's options (XML_PARSE_NONET only),
 * and callbacks that only count start tags, end tags and text bytes. What the import costs beyond
 * this is its own (record reader, rows, SQLite). benchmarks/run times it against the XML import.
 *
 *     cc -O2 -o xml-sax-loop xml-sax-loop.c $(pkg-config --cflags --libs libxml-2.0)
 *     xml-sax-loop FILE.xml        # prints: elements, text bytes
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <libxml/parser.h>

static long started, ended, text;

static void start(void *context, const xmlChar *name, const xmlChar *prefix, const xmlChar *uri, int namespaces,
                  const xmlChar **declarations, int attributes, int defaulted, const xmlChar **values) {
    started++;
}

static void end(void *context, const xmlChar *name, const xmlChar *prefix, const xmlChar *uri) { ended++; }

static void characters(void *context, const xmlChar *bytes, int count) { text += count; }

static int input(void *context, char *buffer, int count) { return (int)read(*(int *)context, buffer, count); }

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s FILE.xml\n", argv[0]);
        return 64;
    }
    int fd = open(argv[1], O_RDONLY);
    if (fd < 0) {
        perror(argv[1]);
        return 66;
    }
    xmlSAXHandler sax;
    memset(&sax, 0, sizeof sax);
    sax.initialized = XML_SAX2_MAGIC;
    sax.startElementNs = start;
    sax.endElementNs = end;
    sax.characters = characters;
    sax.cdataBlock = characters;
    xmlParserCtxtPtr context = xmlCreateIOParserCtxt(&sax, NULL, input, NULL, &fd, XML_CHAR_ENCODING_NONE);
    if (!context) return 70;
    xmlCtxtUseOptions(context, XML_PARSE_NONET);
    xmlParseDocument(context);
    int wellFormed = context->wellFormed;
    xmlFreeParserCtxt(context);
    close(fd);
    printf("%ld elements, %ld text bytes\n", started, text);
    if (!wellFormed || started != ended) {
        fprintf(stderr, "%s: not well-formed\n", argv[1]);
        return 65;
    }
    return 0;
}
