/* WordTable: words (as code points) -> a run of int64 values, for _grams.c's loops.
 *
 * A word met in a message is looked up where it lies: its code points are hashed and
 * compared, with no str made and no dict probed. A dict lookup of a new str had been a
 * quarter of the n-gram counting time (the str made and hashed, then three reads far
 * apart in memory: the index, the entry, the stored key). Here a lookup reads one slot
 * and then the entry's code points, which sit next to each other.
 *
 * Open addressing with linear probing over (hash, entry) slots, at most half full; the
 * entries, their code points and their values live in three growing arrays. A hash is
 * never 0 (0 marks an empty slot). Equal hashes are told apart by comparing code
 * points, so results never depend on the hash.
 */

typedef struct {
    uint64_t hash;         /* 0: the slot is empty */
    Py_ssize_t entry;
} WordSlot;

typedef struct {
    uint64_t hash;
    Py_ssize_t chars_at, length, values_at, count;
    Py_ssize_t found;      /* lookups that found it since it was added or last kept */
    int priced;            /* its values' parts are worked out (word_table_price) */
} WordEntry;

/* What a value's parts were worked out from (see WordTable.parts): a block's idf and
 * weights, told apart by where they lie and how many there are. */
typedef struct {
    const double *idf, *coef;
    Py_ssize_t width;
} PricedBy;

typedef struct {
    PyObject_HEAD
    WordSlot *slots;
    Py_ssize_t capacity;   /* slots: 0 or a power of two */
    WordEntry *entries;
    Py_ssize_t size, entries_capacity;
    Py_UCS4 *chars;
    Py_ssize_t chars_size, chars_capacity;
    int64_t *values;
    Py_ssize_t values_size, values_capacity;
    /* For a table of n-gram columns: each value's idf * coef and idf * idf, side by side
     * (two for each value, at twice its place), for the entries that are ``priced``,
     * under the weights in ``priced_by``. Made when first needed. */
    double *parts;
    Py_ssize_t parts_capacity;
    PricedBy priced_by;
} WordTable;

static uint64_t word_hash(const Py_UCS4 *chars, Py_ssize_t length) {
    uint64_t hash = 0xCBF29CE484222325ULL ^ (uint64_t)length;  /* FNV-1a, then a mix */
    for (Py_ssize_t i = 0; i < length; i++) {
        hash ^= chars[i];
        hash *= 0x100000001B3ULL;
    }
    hash ^= hash >> 33;
    hash *= 0xFF51AFD7ED558CCDULL;
    hash ^= hash >> 33;
    return hash ? hash : 1;
}

/* The entry for the word, or NULL. Valid until the next word_table_add. */
static const WordEntry *word_table_find(const WordTable *t, const Py_UCS4 *chars,
                                        Py_ssize_t length, uint64_t hash) {
    if (!t->capacity) return NULL;
    uint64_t mask = (uint64_t)t->capacity - 1;
    for (uint64_t slot = hash & mask;; slot = (slot + 1) & mask) {
        const WordSlot *s = &t->slots[slot];
        if (!s->hash) return NULL;
        if (s->hash != hash) continue;
        const WordEntry *e = &t->entries[s->entry];
        if (e->length == length
            && memcmp(t->chars + e->chars_at, chars, (size_t)length * sizeof(Py_UCS4)) == 0)
            return e;
    }
}

static void word_table_place(WordSlot *slots, Py_ssize_t capacity, uint64_t hash,
                             Py_ssize_t entry) {
    uint64_t mask = (uint64_t)capacity - 1, slot = hash & mask;
    while (slots[slot].hash) slot = (slot + 1) & mask;
    slots[slot].hash = hash;
    slots[slot].entry = entry;
}

/* Make room for ``needed`` items of ``item`` bytes in *data (capacity doubled). */
static int word_table_reserve(void **data, Py_ssize_t *capacity, Py_ssize_t needed,
                              size_t item) {
    if (needed <= *capacity) return 0;
    Py_ssize_t grown = *capacity ? *capacity : 256;
    while (grown < needed) grown *= 2;
    void *moved = PyMem_Realloc(*data, (size_t)grown * item);
    if (!moved) { PyErr_NoMemory(); return -1; }
    *data = moved;
    *capacity = grown;
    return 0;
}

/* Add a word that is not in the table yet, with ``count`` values. */
static int word_table_add(WordTable *t, const Py_UCS4 *chars, Py_ssize_t length,
                          uint64_t hash, const int64_t *values, Py_ssize_t count) {
    if ((t->size + 1) * 2 > t->capacity) {
        Py_ssize_t capacity = t->capacity ? 2 * t->capacity : 1024;
        WordSlot *slots = PyMem_Calloc((size_t)capacity, sizeof(WordSlot));
        if (!slots) { PyErr_NoMemory(); return -1; }
        for (Py_ssize_t e = 0; e < t->size; e++)
            word_table_place(slots, capacity, t->entries[e].hash, e);
        PyMem_Free(t->slots);
        t->slots = slots;
        t->capacity = capacity;
    }
    if (word_table_reserve((void **)&t->entries, &t->entries_capacity, t->size + 1,
                           sizeof(WordEntry)) < 0
        || word_table_reserve((void **)&t->chars, &t->chars_capacity, t->chars_size + length,
                              sizeof(Py_UCS4)) < 0
        || word_table_reserve((void **)&t->values, &t->values_capacity,
                              t->values_size + count, sizeof(int64_t)) < 0)
        return -1;
    WordEntry *e = &t->entries[t->size];
    e->hash = hash;
    e->chars_at = t->chars_size;
    e->length = length;
    e->values_at = t->values_size;
    e->count = count;
    e->found = 0;
    e->priced = 0;
    if (length) memcpy(t->chars + t->chars_size, chars, (size_t)length * sizeof(Py_UCS4));
    if (count) memcpy(t->values + t->values_size, values, (size_t)count * sizeof(int64_t));
    t->chars_size += length;
    t->values_size += count;
    word_table_place(t->slots, t->capacity, hash, t->size++);
    return 0;
}

/* Keep the ``most`` words found most often since they were added or last kept (of those
 * found equally often, the earlier added), forget the others and count afresh; the
 * memory is kept for the words that follow. A memo that forgot every word when full had
 * to work out its most common words again each time; this keeps them. */
static void word_table_keep_frequent(WordTable *t, Py_ssize_t most) {
    enum { LEVELS = 256 };
    Py_ssize_t at_level[LEVELS] = {0};
    for (Py_ssize_t e = 0; e < t->size; e++) {
        Py_ssize_t found = t->entries[e].found;
        at_level[found < LEVELS ? found : LEVELS - 1]++;
    }
    /* every word at ``level`` or above is kept, and the earliest ``room`` words below it */
    Py_ssize_t kept = 0, level = LEVELS;
    while (level > 0 && kept + at_level[level - 1] <= most) kept += at_level[--level];
    Py_ssize_t room = level > 0 ? most - kept : 0;
    Py_ssize_t size = 0, chars_size = 0, values_size = 0;
    for (Py_ssize_t e = 0; e < t->size; e++) {
        WordEntry entry = t->entries[e];
        Py_ssize_t found = entry.found < LEVELS ? entry.found : LEVELS - 1;
        if (found < level) {
            if (found < level - 1 || room == 0) continue;
            room--;
        }
        /* moved down in place: each array is read ahead of where it is written */
        memmove(t->chars + chars_size, t->chars + entry.chars_at,
                (size_t)entry.length * sizeof(Py_UCS4));
        memmove(t->values + values_size, t->values + entry.values_at,
                (size_t)entry.count * sizeof(int64_t));
        if (entry.priced)
            memmove(t->parts + 2 * values_size, t->parts + 2 * entry.values_at,
                    (size_t)entry.count * 2 * sizeof(double));
        entry.chars_at = chars_size;
        entry.values_at = values_size;
        entry.found = 0;
        chars_size += entry.length;
        values_size += entry.count;
        t->entries[size++] = entry;
    }
    t->size = size;
    t->chars_size = chars_size;
    t->values_size = values_size;
    if (t->slots) memset(t->slots, 0, (size_t)t->capacity * sizeof(WordSlot));
    for (Py_ssize_t e = 0; e < size; e++)
        word_table_place(t->slots, t->capacity, t->entries[e].hash, e);
}

static void word_table_free(WordTable *t) {
    PyMem_Free(t->slots);
    PyMem_Free(t->entries);
    PyMem_Free(t->chars);
    PyMem_Free(t->values);
    PyMem_Free(t->parts);
    t->slots = NULL;
    t->entries = NULL;
    t->chars = NULL;
    t->values = NULL;
    t->parts = NULL;
    t->capacity = t->size = t->entries_capacity = 0;
    t->chars_size = t->chars_capacity = t->values_size = t->values_capacity = 0;
    t->parts_capacity = 0;
    memset(&t->priced_by, 0, sizeof(t->priced_by));
}

/* Price ``t``'s entries by the weights ``idf`` and ``coef`` (``width`` of each) from now
 * on: those priced by others are priced again when next met. */
static void word_table_price_by(WordTable *t, const double *idf, const double *coef,
                                Py_ssize_t width) {
    if (t->priced_by.idf == idf && t->priced_by.coef == coef && t->priced_by.width == width)
        return;
    for (Py_ssize_t e = 0; e < t->size; e++) t->entries[e].priced = 0;
    t->priced_by.idf = idf;
    t->priced_by.coef = coef;
    t->priced_by.width = width;
}

/* Entry ``e``'s parts, worked out from ``priced_by`` where they are not yet: -1 with a
 * ValueError where a value is not a column below its width. */
static int word_table_price(WordTable *t, WordEntry *e) {
    if (e->priced) return 0;
    if (word_table_reserve((void **)&t->parts, &t->parts_capacity, 2 * t->values_capacity,
                           sizeof(double)) < 0)
        return -1;
    const int64_t *columns = t->values + e->values_at;
    double *parts = t->parts + 2 * e->values_at;
    for (Py_ssize_t i = 0; i < e->count; i++) {
        int64_t column = columns[i];
        if (column < 0 || column >= t->priced_by.width) {
            PyErr_SetString(PyExc_ValueError, "inconsistent n-gram table");
            return -1;
        }
        double idf = t->priced_by.idf[column];
        parts[2 * i] = idf * t->priced_by.coef[column];
        parts[2 * i + 1] = idf * idf;
    }
    e->priced = 1;
    return 0;
}

/* A str's code points in a PyMem array (the caller frees it), or NULL with an error. */
static Py_UCS4 *word_table_code_points(PyObject *word) {
    if (!PyUnicode_Check(word)) {
        PyErr_SetString(PyExc_TypeError, "a word must be str");
        return NULL;
    }
    return PyUnicode_AsUCS4Copy(word);
}

static PyObject *word_table_new(PyTypeObject *type, PyObject *args, PyObject *kwargs) {
    if (PyTuple_GET_SIZE(args) || (kwargs && PyDict_GET_SIZE(kwargs))) {
        PyErr_SetString(PyExc_TypeError, "WordTable() takes no arguments");
        return NULL;
    }
    return type->tp_alloc(type, 0);  /* zeroed: an empty table */
}

static void word_table_dealloc(WordTable *t) {
    word_table_free(t);
    Py_TYPE(t)->tp_free((PyObject *)t);
}

static Py_ssize_t word_table_length(WordTable *t) { return t->size; }

static PyObject *word_table_add_method(WordTable *t, PyObject *args) {
    PyObject *word;
    Py_buffer values = {0};
    if (!PyArg_ParseTuple(args, "Uy*", &word, &values)) return NULL;
    PyObject *result = NULL;
    Py_UCS4 *chars = NULL;
    if (values.len % (Py_ssize_t)sizeof(int64_t)) {
        PyErr_SetString(PyExc_ValueError, "values must be int64");
        goto done;
    }
    if (!(chars = word_table_code_points(word))) goto done;
    Py_ssize_t length = PyUnicode_GET_LENGTH(word);
    uint64_t hash = word_hash(chars, length);
    if (word_table_find(t, chars, length, hash)) {
        PyErr_SetString(PyExc_KeyError, "the word is in the table already");
        goto done;
    }
    if (word_table_add(t, chars, length, hash, values.buf,
                       values.len / (Py_ssize_t)sizeof(int64_t)) < 0)
        goto done;
    result = Py_NewRef(Py_None);
done:
    PyMem_Free(chars);
    PyBuffer_Release(&values);
    return result;
}

static PyObject *word_table_get(WordTable *t, PyObject *word) {
    Py_UCS4 *chars = word_table_code_points(word);
    if (!chars) return NULL;
    Py_ssize_t length = PyUnicode_GET_LENGTH(word);
    const WordEntry *e = word_table_find(t, chars, length, word_hash(chars, length));
    PyMem_Free(chars);
    if (!e) return Py_NewRef(Py_None);
    return PyBytes_FromStringAndSize((const char *)(t->values + e->values_at),
                                     e->count * (Py_ssize_t)sizeof(int64_t));
}

static PyObject *word_table_keep_frequent_method(WordTable *t, PyObject *argument) {
    Py_ssize_t most = PyLong_AsSsize_t(argument);
    if (most == -1 && PyErr_Occurred()) return NULL;
    if (most < 0) {
        PyErr_SetString(PyExc_ValueError, "keep_frequent needs a count of 0 or more");
        return NULL;
    }
    word_table_keep_frequent(t, most);
    return Py_NewRef(Py_None);
}

static PyMethodDef word_table_methods[] = {
    {"add", (PyCFunction)word_table_add_method, METH_VARARGS,
     "add(word, values): a new word with its int64 values (bytes-like)."},
    {"get", (PyCFunction)word_table_get, METH_O,
     "get(word) -> its values as bytes of int64, or None."},
    {"keep_frequent", (PyCFunction)word_table_keep_frequent_method, METH_O,
     "keep_frequent(most): keep the most words found most often (by the n-gram loops)\n"
     "since they were added or last kept, the earlier added first among equals; forget\n"
     "the others (the memory is kept for the next ones)."},
    {NULL, NULL, 0, NULL},
};

static PySequenceMethods word_table_sequence = {.sq_length = (lenfunc)word_table_length};

static PyTypeObject WordTableType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "sextortion_triage._grams.WordTable",
    .tp_doc = "Words -> runs of int64 values, looked up by _grams' loops without making a str.",
    .tp_basicsize = sizeof(WordTable),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = word_table_new,
    .tp_dealloc = (destructor)word_table_dealloc,
    .tp_methods = word_table_methods,
    .tp_as_sequence = &word_table_sequence,
};
