/* Rows as CSV text, exactly as Python's csv.writer writes them (optional extension).
 *
 * A batch's parent process wrote each output row with csv.writer, which reads every
 * character of a message through the dialect's checks one at a time: about a third of
 * the parent's time, on the cores the scoring workers need. format_rows writes a chunk
 * of rows in one call, for the dialect batch_io uses (QUOTE_MINIMAL, '"' doubled, no
 * escape character, "\r\n" after each row): a field is quoted when it holds the
 * delimiter, a quote or a line break; None is empty; a float is written as repr() and
 * any other str, int or bool as str(); a row of one empty field is written as "".
 * Where a row holds anything else, or a NUL (whose handling has changed between Python
 * versions), it returns None and the caller writes the chunk with csv.writer.
 * tests/test_csv_rows.py compares the two on generated rows. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* The text csv.writer writes for one value (a new reference), or NULL with no error
 * set where this writer does not take the value. */
static PyObject *field_text(PyObject *value) {
    if (value == Py_None) return PyUnicode_New(0, 0);
    if (PyUnicode_Check(value)) {
        if (PyUnicode_FindChar(value, 0, 0, PyUnicode_GET_LENGTH(value), 1) != -1)
            return NULL;  /* a NUL: csv.writer's own business */
        return PyObject_Str(value);  /* the str itself, or a str subclass's plain copy */
    }
    if (PyFloat_Check(value)) return PyObject_Repr(value);
    if (PyLong_Check(value)) return PyObject_Str(value);  /* bool is an int */
    return NULL;
}

/* What a field adds to the row: its length written, and whether it is quoted. */
typedef struct {
    Py_ssize_t length;
    int quoted;
} Measure;

static Measure measure(PyObject *text, Py_UCS4 delimiter) {
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t length = PyUnicode_GET_LENGTH(text), quotes = 0;
    int quoted = 0;
    for (Py_ssize_t i = 0; i < length; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (c == '"') {
            quotes++;
            quoted = 1;
        } else if (c == delimiter || c == '\r' || c == '\n') {
            quoted = 1;
        }
    }
    Measure m = {length + quotes + 2 * quoted, quoted};
    return m;
}

static Py_ssize_t copy_field(PyObject *out, Py_ssize_t at, PyObject *text, int quoted) {
    Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    if (!quoted) {
        if (length) PyUnicode_CopyCharacters(out, at, text, 0, length);
        return at + length;
    }
    int kind = PyUnicode_KIND(out), text_kind = PyUnicode_KIND(text);
    void *data = PyUnicode_DATA(out);
    const void *text_data = PyUnicode_DATA(text);
    PyUnicode_WRITE(kind, data, at++, '"');
    for (Py_ssize_t i = 0; i < length; i++) {
        Py_UCS4 c = PyUnicode_READ(text_kind, text_data, i);
        PyUnicode_WRITE(kind, data, at++, c);
        if (c == '"') PyUnicode_WRITE(kind, data, at++, '"');
    }
    PyUnicode_WRITE(kind, data, at++, '"');
    return at;
}

/* Each row's fields as texts, appended to texts (with None after each row); 1 where a
 * row holds a value this writer does not take, -1 on error. */
static int field_texts(PyObject *rows, PyObject *texts) {
    Py_ssize_t count = PySequence_Fast_GET_SIZE(rows);
    PyObject **items = PySequence_Fast_ITEMS(rows);
    for (Py_ssize_t r = 0; r < count; r++) {
        PyObject *fields = PySequence_Fast(items[r], "each row must be a sequence");
        if (!fields) return -1;
        Py_ssize_t width = PySequence_Fast_GET_SIZE(fields);
        PyObject **values = PySequence_Fast_ITEMS(fields);
        for (Py_ssize_t f = 0; f < width; f++) {
            PyObject *text = field_text(values[f]);
            int failed = !text || PyList_Append(texts, text) < 0;
            Py_XDECREF(text);
            if (failed) {
                Py_DECREF(fields);
                return PyErr_Occurred() ? -1 : 1;
            }
        }
        Py_DECREF(fields);
        if (PyList_Append(texts, Py_None) < 0) return -1;
    }
    return 0;
}

static PyObject *format_rows(PyObject *module, PyObject *args) {
    PyObject *rows;
    int delimiter;
    if (!PyArg_ParseTuple(args, "OC", &rows, &delimiter)) return NULL;
    if (delimiter == '"' || delimiter == '\r' || delimiter == '\n') {
        PyErr_SetString(PyExc_ValueError, "the delimiter cannot be a quote or a line break");
        return NULL;
    }
    PyObject *each = PySequence_Fast(rows, "rows must be a sequence");
    PyObject *texts = each ? PyList_New(0) : NULL;
    PyObject *out = NULL;
    Measure *measures = NULL;
    if (!texts) goto done;
    int status = field_texts(each, texts);
    if (status != 0) {
        if (status > 0) out = Py_NewRef(Py_None);
        goto done;
    }
    Py_ssize_t count = PyList_GET_SIZE(texts), total = 0, fields = 0;
    Py_UCS4 widest = 127;
    measures = PyMem_Malloc((count ? count : 1) * sizeof(Measure));
    if (!measures) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = 0; i < count; i++) {
        PyObject *text = PyList_GET_ITEM(texts, i);
        if (text == Py_None) {  /* the row's end: a lone empty field is written "" */
            if (fields == 1 && measures[i - 1].length == 0) {
                measures[i - 1].length = 2;
                measures[i - 1].quoted = 1;
                total += 2;
            }
            total += (fields > 1 ? fields - 1 : 0) + 2;
            fields = 0;
            continue;
        }
        measures[i] = measure(text, (Py_UCS4)delimiter);
        total += measures[i].length;
        fields++;
        Py_UCS4 most = PyUnicode_MAX_CHAR_VALUE(text);
        if (most > widest) widest = most;
    }
    if (delimiter > (int)widest) widest = (Py_UCS4)delimiter;
    out = PyUnicode_New(total, widest);
    if (!out) goto done;
    int kind = PyUnicode_KIND(out);
    void *data = PyUnicode_DATA(out);
    Py_ssize_t at = 0;
    fields = 0;
    for (Py_ssize_t i = 0; i < count; i++) {
        PyObject *text = PyList_GET_ITEM(texts, i);
        if (text == Py_None) {
            PyUnicode_WRITE(kind, data, at++, '\r');
            PyUnicode_WRITE(kind, data, at++, '\n');
            fields = 0;
            continue;
        }
        if (fields++ > 0) PyUnicode_WRITE(kind, data, at++, (Py_UCS4)delimiter);
        at = copy_field(out, at, text, measures[i].quoted);
    }
done:
    PyMem_Free(measures);
    Py_XDECREF(texts);
    Py_XDECREF(each);
    return out;
}

static PyMethodDef methods[] = {
    {"format_rows", format_rows, METH_VARARGS,
     "format_rows(rows, delimiter) -> the rows as csv.writer writes them (QUOTE_MINIMAL,\n"
     "\"\\r\\n\" line ends), or None where a row holds a value it does not take."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_csv_rows", "Rows as csv.writer writes them, in C (optional).", -1,
    methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__csv_rows(void) { return PyModule_Create(&module); }
