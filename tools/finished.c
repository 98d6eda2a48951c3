/* finished.c — --skip-existing: an existing output counts as finished only
 * when it is whole.  A run killed hard (SIGKILL, power loss without
 * --sync) or an output truncated by hand leaves a file that is empty or
 * cut short; such a file is converted again, not taken for done. */
#include <jansson.h>
#include <libxml/parser.h>
#include <sys/stat.h>

#include "cli.h"

bool output_finished(const char *path, out_format format)
{
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size == 0)
        return false;
    if (format == FMT_JSON) {
        json_error_t err;
        json_t *doc = json_load_file(path, 0, &err);
        bool whole = doc && json_is_object(doc);
        json_decref(doc);
        return whole;
    }
    if (format == FMT_XML) {
        xmlDocPtr doc = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
        bool whole = doc && xmlDocGetRootElement(doc);
        xmlFreeDoc(doc);
        return whole;
    }
    return true; /* jsonl and csv go to one shared file, never skipped */
}
