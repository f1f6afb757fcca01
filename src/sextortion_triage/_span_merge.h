/* signal_batch.signal_spans_many's last steps in C: each pattern's hits mapped back to
 * the original text, a message's wallets first, then merged as signals.merge_spans
 * merges them (same order, same spans, same details).
 *
 * In Python these were about a tenth of the signals' time in a batch: a tuple made for
 * every hit, and two sorts with a key function for every message that had two.
 * Names are compared by their rank in sorted order, which the caller gives, so that the
 * sorts compare integers. Included by _grams.c; tests/test_span_merge.py compares it
 * with the Python on the corpus and on generated spans. */

typedef struct {
    Py_ssize_t start, end;
    int rank;
    PyObject *name, *detail;  /* borrowed */
} SpanEntry;

/* merge_spans' first order: start, then the longer first, then the name. */
static inline int merge_before(const SpanEntry *a, const SpanEntry *b) {
    if (a->start != b->start) return a->start < b->start;
    if (a->end != b->end) return a->end > b->end;
    return a->rank < b->rank;
}

/* merge_spans' report order: start, end, name. */
static inline int report_before(const SpanEntry *a, const SpanEntry *b) {
    if (a->start != b->start) return a->start < b->start;
    if (a->end != b->end) return a->end < b->end;
    return a->rank < b->rank;
}

/* A stable sort of ``n`` entries (insertion for a few, else merging through ``scratch``,
 * as many entries): Python's sorts are stable, and equal keys keep the order given. */
static void span_sort(SpanEntry *items, SpanEntry *scratch, Py_ssize_t n,
                      int (*before)(const SpanEntry *, const SpanEntry *)) {
    if (n <= 16) {
        for (Py_ssize_t i = 1; i < n; i++) {
            SpanEntry item = items[i];
            Py_ssize_t j = i;
            while (j > 0 && before(&item, &items[j - 1])) {
                items[j] = items[j - 1];
                j--;
            }
            items[j] = item;
        }
        return;
    }
    Py_ssize_t half = n / 2;
    span_sort(items, scratch, half, before);
    span_sort(items + half, scratch, n - half, before);
    Py_ssize_t i = 0, j = half, k = 0;
    while (i < half && j < n) scratch[k++] = before(&items[j], &items[i]) ? items[j++] : items[i++];
    while (i < half) scratch[k++] = items[i++];
    while (j < n) scratch[k++] = items[j++];
    memcpy(items, scratch, (size_t)n * sizeof(SpanEntry));
}

/* Merge a message's ``n`` entries in place (merge_spans); how many are left. ``last``
 * has a slot for each rank. */
static Py_ssize_t span_merge(SpanEntry *items, SpanEntry *scratch, Py_ssize_t n,
                             Py_ssize_t *last, int ranks) {
    if (n < 2) return n;
    span_sort(items, scratch, n, merge_before);
    for (int r = 0; r < ranks; r++) last[r] = -1;
    Py_ssize_t kept = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        SpanEntry item = items[i];
        Py_ssize_t at = last[item.rank];
        if (at >= 0 && item.start < items[at].end) {
            if (item.end > items[at].end) items[at].end = item.end;
            continue;
        }
        last[item.rank] = kept;
        items[kept++] = item;
    }
    span_sort(items, scratch, kept, report_before);
    return kept;
}

/* The int32 buffer of a message's span map, with its length, or -1 (error set). */
static int span_map(PyObject *array, Py_buffer *view) {
    if (PyObject_GetBuffer(array, view, PyBUF_SIMPLE) < 0) return -1;
    if (view->len % (Py_ssize_t)sizeof(int32_t)) {
        PyBuffer_Release(view);
        PyErr_SetString(PyExc_ValueError, "a span map is not int32");
        return -1;
    }
    return 0;
}

/* merged_signal_spans(hits, names, details, ranks, starts, ends, first, first_rank)
 * -> one list a message of (start, end, name, detail), merged.
 *
 * ``hits[p]`` maps each message index to pattern p's spans in the normalised text;
 * ``names``, ``details`` and ``ranks`` are pattern p's; ``starts[m]`` and ``ends[m]`` are
 * message m's span maps (int32 buffers); ``first[m]`` is None or spans already in the
 * original text (the wallets, named with rank ``first_rank``), which come first. */
static PyObject *merged_signal_spans(PyObject *module, PyObject *args) {
    PyObject *hits, *names, *details, *ranks, *starts, *ends, *first;
    int first_rank;
    if (!PyArg_ParseTuple(args, "O!O!O!O!O!O!O!i", &PyList_Type, &hits, &PyTuple_Type, &names,
                          &PyTuple_Type, &details, &PyTuple_Type, &ranks, &PyList_Type, &starts,
                          &PyList_Type, &ends, &PyList_Type, &first, &first_rank))
        return NULL;
    Py_ssize_t patterns = PyList_GET_SIZE(hits), messages = PyList_GET_SIZE(starts);
    if (PyTuple_GET_SIZE(names) != patterns || PyTuple_GET_SIZE(details) != patterns
        || PyTuple_GET_SIZE(ranks) != patterns || PyList_GET_SIZE(ends) != messages
        || PyList_GET_SIZE(first) != messages) {
        PyErr_SetString(PyExc_ValueError, "inconsistent span arguments");
        return NULL;
    }
    int most_ranks = first_rank + 1;
    int *rank_of = PyMem_Malloc(sizeof(int) * (size_t)(patterns ? patterns : 1));
    Py_ssize_t *counts = PyMem_Calloc((size_t)messages + 1, sizeof(Py_ssize_t));
    SpanEntry *items = NULL, *scratch = NULL;
    Py_ssize_t *last = NULL, *cursor = NULL;
    Py_buffer *maps = PyMem_Calloc((size_t)(2 * messages + 1), sizeof(Py_buffer));
    Py_ssize_t mapped = 0;
    PyObject *result = NULL;
    if (!rank_of || !counts || !maps) { PyErr_NoMemory(); goto done; }
    for (Py_ssize_t p = 0; p < patterns; p++) {
        long rank = PyLong_AsLong(PyTuple_GET_ITEM(ranks, p));
        if (rank < 0 || rank > 1 << 20) {
            if (!PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "a rank out of range");
            goto done;
        }
        rank_of[p] = (int)rank;
        if (rank + 1 > most_ranks) most_ranks = (int)rank + 1;
    }
    /* how many spans each message has, so that one array holds them all, in order */
    for (Py_ssize_t m = 0; m < messages; m++) {
        PyObject *given = PyList_GET_ITEM(first, m);
        if (given != Py_None) {
            if (!PyList_Check(given)) { PyErr_SetString(PyExc_TypeError, "first spans"); goto done; }
            counts[m + 1] += PyList_GET_SIZE(given);
        }
    }
    for (Py_ssize_t p = 0; p < patterns; p++) {
        PyObject *found = PyList_GET_ITEM(hits, p), *key, *value;
        Py_ssize_t position = 0;
        if (!PyDict_Check(found)) { PyErr_SetString(PyExc_TypeError, "hits"); goto done; }
        while (PyDict_Next(found, &position, &key, &value)) {
            Py_ssize_t m = PyLong_AsSsize_t(key);
            if (m < 0 || m >= messages || !PyList_Check(value)) {
                if (!PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "a hit out of range");
                goto done;
            }
            counts[m + 1] += PyList_GET_SIZE(value);
        }
    }
    for (Py_ssize_t m = 0; m < messages; m++) counts[m + 1] += counts[m];
    Py_ssize_t total = counts[messages];
    items = PyMem_Malloc(sizeof(SpanEntry) * (size_t)(total ? total : 1));
    scratch = PyMem_Malloc(sizeof(SpanEntry) * (size_t)(total ? total : 1));
    last = PyMem_Malloc(sizeof(Py_ssize_t) * (size_t)most_ranks);
    cursor = PyMem_Malloc(sizeof(Py_ssize_t) * (size_t)(messages ? messages : 1));
    if (!items || !scratch || !last || !cursor) { PyErr_NoMemory(); goto done; }
    for (Py_ssize_t m = 0; m < messages; m++) {
        cursor[m] = counts[m];
        PyObject *given = PyList_GET_ITEM(first, m);
        if (given == Py_None) continue;
        for (Py_ssize_t k = 0; k < PyList_GET_SIZE(given); k++) {
            PyObject *span = PyList_GET_ITEM(given, k);
            if (!PyTuple_Check(span) || PyTuple_GET_SIZE(span) != 4) {
                PyErr_SetString(PyExc_TypeError, "a first span is not (start, end, name, detail)");
                goto done;
            }
            SpanEntry *entry = &items[cursor[m]++];
            entry->start = PyLong_AsSsize_t(PyTuple_GET_ITEM(span, 0));
            entry->end = PyLong_AsSsize_t(PyTuple_GET_ITEM(span, 1));
            if (PyErr_Occurred()) goto done;
            entry->rank = first_rank;
            entry->name = PyTuple_GET_ITEM(span, 2);
            entry->detail = PyTuple_GET_ITEM(span, 3);
        }
    }
    for (Py_ssize_t m = 0; m < messages; m++) {  /* the span maps, read as int32 */
        if (span_map(PyList_GET_ITEM(starts, m), &maps[2 * m]) < 0) goto done;
        mapped++;
        if (span_map(PyList_GET_ITEM(ends, m), &maps[2 * m + 1]) < 0) goto done;
        mapped++;
    }
    for (Py_ssize_t p = 0; p < patterns; p++) {
        PyObject *found = PyList_GET_ITEM(hits, p), *key, *value;
        Py_ssize_t position = 0;
        while (PyDict_Next(found, &position, &key, &value)) {
            Py_ssize_t m = PyLong_AsSsize_t(key);
            const int32_t *start_of = maps[2 * m].buf, *end_of = maps[2 * m + 1].buf;
            Py_ssize_t width = maps[2 * m].len / 4, end_width = maps[2 * m + 1].len / 4;
            for (Py_ssize_t k = 0; k < PyList_GET_SIZE(value); k++) {
                PyObject *span = PyList_GET_ITEM(value, k);
                if (!PyTuple_Check(span) || PyTuple_GET_SIZE(span) != 2) {
                    PyErr_SetString(PyExc_TypeError, "a hit is not (start, end)");
                    goto done;
                }
                Py_ssize_t s = PyLong_AsSsize_t(PyTuple_GET_ITEM(span, 0));
                Py_ssize_t e = PyLong_AsSsize_t(PyTuple_GET_ITEM(span, 1));
                if (PyErr_Occurred()) goto done;
                if (s < 0 || s >= width || e < 1 || e > end_width) {
                    PyErr_SetString(PyExc_IndexError, "a hit outside its message");
                    goto done;
                }
                SpanEntry *entry = &items[cursor[m]++];
                entry->start = start_of[s];
                entry->end = end_of[e - 1];
                entry->rank = rank_of[p];
                entry->name = PyTuple_GET_ITEM(names, p);
                entry->detail = PyTuple_GET_ITEM(details, p);
            }
        }
    }
    result = PyList_New(messages);
    if (!result) goto done;
    for (Py_ssize_t m = 0; m < messages; m++) {
        SpanEntry *own = items + counts[m];
        Py_ssize_t kept = span_merge(own, scratch, counts[m + 1] - counts[m], last, most_ranks);
        PyObject *list = PyList_New(kept);
        if (!list) { Py_CLEAR(result); goto done; }
        PyList_SET_ITEM(result, m, list);
        for (Py_ssize_t k = 0; k < kept; k++) {
            PyObject *span = Py_BuildValue("(nnOO)", own[k].start, own[k].end, own[k].name,
                                           own[k].detail);
            if (!span) { Py_CLEAR(result); goto done; }
            PyList_SET_ITEM(list, k, span);
        }
    }
done:
    for (Py_ssize_t k = 0; k < mapped; k++) PyBuffer_Release(&maps[k]);
    PyMem_Free(maps);
    PyMem_Free(rank_of);
    PyMem_Free(counts);
    PyMem_Free(items);
    PyMem_Free(scratch);
    PyMem_Free(last);
    PyMem_Free(cursor);
    return result;
}
