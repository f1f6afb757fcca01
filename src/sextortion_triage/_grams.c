/* The hot loops of batch scoring, in C. Each gives exactly what the Python path it
 * stands in for gives (tests/test_compiled.py, test_gram_counts.py and
 * test_block_score.py compare them on the corpus and on any code point):
 *
 * - count_char_grams: every window of low..high characters of each word padded with one
 *   space (features.char_ngrams), looked up in the counter's KeyTable (packed keys,
 *   Fibonacci hashing, linear probing; a table of the most frequent n-grams first) or,
 *   for a window with a code point too wide to pack, in a dict of strings. A word's
 *   columns are worked out once and kept in the caller's WordTable (_word_table.h: a
 *   word is looked up where it lies, without making a str). Result: one (message,
 *   column, count) entry per distinct column, ordered by message and then column, as
 *   gram_counts' numpy path.
 * - count_word_grams: features.word_tokens' tokens, looked up as unigrams (a WordTable),
 *   then bigrams and trigrams as packed keys (gram_counts.WordGramCounter); the same
 *   kind of entries.
 *   Given a block's idf, weights and tf table as well, each of the two returns instead
 *   every message's share of the decision (what linear_block sums from the entries),
 *   without writing the entries out and reading them again: a batch needs no more of a
 *   block. They are summed from each column's idf * coef and idf * idf, worked out
 *   once (priced_share): the character block's kept with each word in its WordTable, the
 *   word block's with its unigrams and beside each slot of a priced copy of its n-gram
 *   table (for the weights given, made by WordGramCounter). Added in another order, they
 *   differ from linear_block's sums in the last bits. The word block also gives each
 *   message's top columns from them where asked, as linear_block ranks them.
 * - linear_block: one TF-IDF block's share of each message's decision and its top
 *   terms, from those entries (block_score.py's numpy arithmetic, in its order).
 * - fold_characters: normalise's folding of each character (from a memo of foldings)
 *   and of white space, with its span maps.
 * - leet_run_starts, spaced_run_starts: the only places where two of normalise's
 *   disguise patterns can match; the patterns themselves decide there.
 * - disguise_hints: which of normalise.unmask's passes may change a text, in one reading.
 * - one_byte_text: a message as the one-byte alphabet an RE2 twin of a signal pattern
 *   reads (re2_twin.py).
 * - prefix_starts: the word starts from which one of a long pattern's literal prefixes
 *   follows, the only places where it can match (match_starts.py).
 *
 * The extension is optional: without a C compiler the package installs without it and
 * the numpy and re paths run instead.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <stdlib.h>
#include <math.h>
#include <string.h>

#define KEY_BITS 60
#define MAX_N 12
#define MAX_TOP 64
/* A loop over a str's characters is written once, as a function of its kind, and copied
 * into each caller once per kind (PyUnicode_1BYTE_KIND, ...): with the kind a constant,
 * PyUnicode_READ is one load instead of a test of the kind for every character. */
#if defined(_MSC_VER)
#define PER_KIND static __forceinline
#else
#define PER_KIND static inline __attribute__((always_inline))
#endif
/* ``fn(KIND, ...)`` for the kind ``kind`` of a str, KIND a constant in each copy. */
#define BY_KIND(kind, fn, ...) \
    ((kind) == PyUnicode_1BYTE_KIND ? fn(PyUnicode_1BYTE_KIND, __VA_ARGS__) \
     : (kind) == PyUnicode_2BYTE_KIND ? fn(PyUnicode_2BYTE_KIND, __VA_ARGS__) \
     : fn(PyUnicode_4BYTE_KIND, __VA_ARGS__))

static const uint64_t MULTIPLIER = 0x9E3779B97F4A7C15ULL;

/* The KeyTable with each slot's key and value side by side (one cache line a probe). */
typedef struct {
    const uint64_t *slots;  /* key, value, key, value, ...; key 0 marks an empty slot */
    uint64_t mask;
    int shift;
} Table;

static int table_of(Py_buffer *slots, int shift, Table *table) {
    Py_ssize_t size = slots->len / (Py_ssize_t)(2 * sizeof(uint64_t));
    if (size < 1 || (size & (size - 1)) != 0
        || slots->len != size * (Py_ssize_t)(2 * sizeof(uint64_t))
        || shift != 64 - __builtin_ctzll((unsigned long long)size))
        return -1;
    table->slots = slots->buf;
    table->mask = (uint64_t)size - 1;
    table->shift = shift;
    return 0;
}

static inline uint64_t home(const Table *t, uint64_t key) {
    return (key * MULTIPLIER) >> t->shift;
}

static int64_t table_lookup(const Table *t, uint64_t key) {
    uint64_t slot = home(t, key);
    for (;;) {
        uint64_t stored = t->slots[2 * slot];
        if (stored == key) return (int64_t)t->slots[2 * slot + 1];
        if (stored == 0) return -1;
        slot = (slot + 1) & t->mask;
    }
}

/* A growable int64 array: in PyMem memory, or (``array`` set) in a bytearray that can be
 * handed to Python without copying it. */
typedef struct {
    int64_t *data;
    Py_ssize_t size, capacity;
    PyObject *array;
} Buffer;

static int buffer_reserve(Buffer *b, Py_ssize_t size) {
    if (size <= b->capacity) return 0;
    Py_ssize_t capacity = b->capacity ? b->capacity : 1024;
    while (capacity < size) capacity *= 2;
    if (b->array) {
        if (PyByteArray_Resize(b->array, capacity * (Py_ssize_t)sizeof(int64_t)) < 0) return -1;
        b->data = (int64_t *)PyByteArray_AS_STRING(b->array);
    } else {
        int64_t *grown = PyMem_Realloc(b->data, capacity * sizeof(int64_t));
        if (!grown) { PyErr_NoMemory(); return -1; }
        b->data = grown;
    }
    b->capacity = capacity;
    return 0;
}

static int buffer_push(Buffer *b, int64_t value) {
    if (b->size == b->capacity && buffer_reserve(b, b->size + 1) < 0) return -1;
    b->data[b->size++] = value;
    return 0;
}

/* Let go of the buffer's memory, or of its bytearray. */
static void buffer_free(Buffer *b) {
    if (b->array) Py_CLEAR(b->array);
    else PyMem_Free(b->data);
    b->data = NULL;
}

#include "_word_table.h"

/* Make room for ``size`` code points in a scratch array. */
static int ucs4_reserve(Py_UCS4 **chars, Py_ssize_t *capacity, Py_ssize_t size) {
    if (size <= *capacity) return 0;
    Py_UCS4 *grown = PyMem_Realloc(*chars, (size_t)size * sizeof(Py_UCS4));
    if (!grown) { PyErr_NoMemory(); return -1; }
    *chars = grown;
    *capacity = size;
    return 0;
}

/* How the radix sort reads the columns below a width: ``passes`` digits of ``bits``
 * bits each. A digit is at most RADIX_BITS wide, so that its histogram stays in the
 * CPU's first cache; a character block's 143,416 columns take two passes of 9 bits
 * rather than three of 8. Only a message with a column too frequent for Distinct's
 * byte counts (below) is sorted: hundreds of columns or more. */
typedef struct {
    int passes, bits;
} Radix;

#define RADIX_BITS 11

static Radix radix_for(Py_ssize_t width) {
    int needed = 0;
    while (needed < 63 && ((int64_t)1 << needed) < width) needed++;
    Radix radix = {(needed + RADIX_BITS - 1) / RADIX_BITS, 0};
    if (radix.passes) radix.bits = (needed + radix.passes - 1) / radix.passes;
    return radix;
}

/* Sort ``values`` (all below 2**(passes*bits)) with an LSD radix sort: one read to count
 * every pass's digits into ``histograms`` (passes << bits of them), then one scatter a
 * pass (a pass whose digit is the same everywhere is skipped). The sorted values end in
 * ``values`` or in ``scratch``, whichever the last pass wrote: the one returned. */
static const int64_t *radix_sort(int64_t *values, int64_t *scratch, Py_ssize_t n,
                                 Radix radix, Py_ssize_t *histograms) {
    const Py_ssize_t digits = (Py_ssize_t)1 << radix.bits;
    const uint64_t mask = (uint64_t)digits - 1;
    memset(histograms, 0, sizeof(Py_ssize_t) * (size_t)(digits * radix.passes));
    for (Py_ssize_t i = 0; i < n; i++) {
        uint64_t value = (uint64_t)values[i];
        for (int pass = 0; pass < radix.passes; pass++)
            histograms[pass * digits + ((value >> (radix.bits * pass)) & mask)]++;
    }
    int64_t *source = values, *target = scratch;
    for (int pass = 0; pass < radix.passes; pass++) {
        Py_ssize_t *histogram = histograms + pass * digits;
        const int shift = radix.bits * pass;
        if (histogram[((uint64_t)source[0] >> shift) & mask] == n) continue;
        Py_ssize_t total = 0;
        for (Py_ssize_t digit = 0; digit < digits; digit++) {
            Py_ssize_t count = histogram[digit];
            histogram[digit] = total;
            total += count;
        }
        for (Py_ssize_t i = 0; i < n; i++)
            target[histogram[((uint64_t)source[i] >> shift) & mask]++] = source[i];
        int64_t *swap = source; source = target; target = swap;
    }
    return source;
}

/* One (document, column, count) entry for each run of equal columns (``n`` sorted);
 * with ``documents`` NULL (one message's share: the message is known), only (column,
 * count). */
static int run_lengths(Py_ssize_t document, const int64_t *columns, Py_ssize_t n,
                       Buffer *documents, Buffer *found, Buffer *counts) {
    Py_ssize_t size = found->size;
    if ((documents && buffer_reserve(documents, size + n) < 0)
        || buffer_reserve(found, size + n) < 0 || buffer_reserve(counts, size + n) < 0)
        return -1;
    for (Py_ssize_t k = 0; k < n;) {
        Py_ssize_t run = k + 1;
        while (run < n && columns[run] == columns[k]) run++;
        if (documents) documents->data[size] = document;
        found->data[size] = columns[k];
        counts->data[size++] = run - k;
        k = run;
    }
    if (documents) documents->size = size;
    found->size = counts->size = size;
    return 0;
}

/* A TF-IDF block's idf, weights and ``1 + log k`` table (block_score.TF_TABLE): the
 * arithmetic of linear_block, and of counting straight into each message's share. */
typedef struct {
    const double *idf, *coef, *tf;
    Py_ssize_t width, tf_size;
} Weights;

/* The weights in three buffers; -1 with a ValueError where they do not fit together. */
static int weights_of(const Py_buffer *idf, const Py_buffer *coef, const Py_buffer *tf,
                      Weights *w) {
    w->idf = idf->buf;
    w->coef = coef->buf;
    w->tf = tf->buf;
    w->width = idf->len / (Py_ssize_t)sizeof(double);
    w->tf_size = tf->len / (Py_ssize_t)sizeof(double);
    if (coef->len != idf->len || w->tf_size < 2) {
        PyErr_SetString(PyExc_ValueError, "inconsistent block arrays");
        return -1;
    }
    return 0;
}

static void release_weights(Py_buffer *idf, Py_buffer *coef, Py_buffer *tf) {
    PyBuffer_Release(idf);
    PyBuffer_Release(coef);
    PyBuffer_Release(tf);
}

/* v = tf[count] * idf[column], with tf[k] = 1 + log k (worked out past the table). */
static inline double tf_idf(const Weights *w, int64_t column, int64_t count) {
    return (count < w->tf_size ? w->tf[count] : 1.0 + log((double)count)) * w->idf[column];
}

/* Ask for a column's idf and weight early: the tables are larger than the CPU's caches
 * and a message's columns are scattered over them. */
static inline void fetch_weights(const Weights *w, int64_t column) {
    if (column >= 0 && column < w->width) {
        __builtin_prefetch(w->idf + column);
        __builtin_prefetch(w->coef + column);
    }
}

/* How many entries ahead a column's idf and weight are fetched. */
#define FETCH_AHEAD 16

/* A message's ``top_k`` columns with the largest positive values, largest first, ties to
 * the smaller column (the earlier term: a vocabulary is sorted), written to ``best`` by
 * top_finish (the caller fills it with -1 first). ``keep`` may be top_k + 1, to see the
 * first column left out as well (top_near_tie). */
typedef struct {
    int top_k, keep, held;
    int64_t *best;
    int64_t column[MAX_TOP + 1];
    double value[MAX_TOP + 1];
} TopColumns;

static inline void top_start(TopColumns *top, int top_k, int64_t *best, int keep) {
    top->top_k = best ? top_k : 0;
    top->keep = best ? keep : 0;
    top->held = 0;
    top->best = best;
}

/* Offer ``column`` with ``value`` (kept only if positive and among the largest). */
static inline void top_offer(TopColumns *top, int64_t column, double value) {
    if (!(value > 0.0) || top->keep == 0) return;
    int last = top->held - 1;
    if (top->held == top->keep && !(value > top->value[last]
                                    || (value == top->value[last] && column < top->column[last])))
        return;
    int at = top->held < top->keep ? top->held++ : last;
    while (at > 0 && (value > top->value[at - 1]
                      || (value == top->value[at - 1] && column < top->column[at - 1]))) {
        top->value[at] = top->value[at - 1];
        top->column[at] = top->column[at - 1];
        at--;
    }
    top->value[at] = value;
    top->column[at] = column;
}

static inline void top_finish(const TopColumns *top) {
    for (int k = 0; k < top->held && k < top->top_k; k++) top->best[k] = top->column[k];
}

/* Whether two neighbours among the kept columns are so close that another order of
 * operations could swap them (equal ones too: their products may differ there), or one
 * is so small that it may be 0 there. */
static inline int top_near_tie(const TopColumns *top) {
    for (int k = 0; k < top->held && k < top->top_k; k++) {
        if (top->value[k] < 1e-250) return 1;
        if (k + 1 < top->held && top->value[k] - top->value[k + 1] <= 1e-12 * top->value[k])
            return 1;
    }
    return 0;
}

/* One message's share of the decision from its ``n`` entries (distinct columns in order,
 * with their counts), in block_score's order of operations: each v, their norm, then
 * the sum of (v / norm) * coef[column]. With ``top_k``, also the columns of its ``top_k``
 * largest positive products in ``best`` (top_offer; the caller fills it with -1 first).
 * ``values`` has room for ``n``. */
static double message_sum(const Weights *w, const int64_t *column, const int64_t *count,
                          Py_ssize_t n, double *values, int top_k, int64_t *best) {
    double squares = 0.0;
    for (Py_ssize_t e = 0; e < n; e++) {
        if (e + FETCH_AHEAD < n) fetch_weights(w, column[e + FETCH_AHEAD]);
        double v = tf_idf(w, column[e], count[e]);
        values[e] = v;
        squares += v * v;
    }
    double norm = sqrt(squares), sum = 0.0;
    TopColumns top;
    top_start(&top, top_k, best, top_k);
    for (Py_ssize_t e = 0; e < n; e++) {
        double product = values[e] / norm * w->coef[column[e]];
        sum += product;
        top_offer(&top, column[e], product);
    }
    top_finish(&top);
    return sum;
}

/* A message's distinct columns, in order, with their counts, found without sorting: each
 * column's count in a byte of ``counts`` (as wide as the block), and a bit for each column
 * counted in ``seen``, whose words that are not 0 have a bit in ``groups``. Reading the
 * bits back in order gives the entries in column order; only the bytes and words that the
 * message touched are cleared again. Sorting a message's ~700 character columns instead
 * (radix_sort) and counting its runs took 8.8% of the samples of `perf record` on an
 * in-process batch of 100,000 bench rows, this 5.6% (by hand). */
typedef struct {
    uint8_t *counts;
    uint64_t *seen, *groups;
    Py_ssize_t width;     /* the block's columns, in this call */
    Py_ssize_t capacity;  /* columns the arrays have room for, all counts 0 between calls */
} Distinct;

#define SEEN_WORD(column) ((uint64_t)(column) >> 6)
#define GROUP_WORD(column) ((uint64_t)(column) >> 12)

/* One Distinct for the process, kept from call to call: made afresh, its 143 kB of counts
 * took longer to clear than a one-message call (a server's) took to count (by hand: words
 * 4.7 against 10-12 us a call). Every call holds the GIL from start to end, so one at a
 * time uses it; a call that finds it in use (none should) makes its own. */
static Distinct shared_distinct;
static int shared_distinct_busy;

static int distinct_alloc(Distinct *d, Py_ssize_t width) {
    size_t words = (size_t)(width + 63) / 64;
    d->width = d->capacity = width;
    d->counts = PyMem_Calloc((size_t)width + 1, 1);
    d->seen = PyMem_Calloc(words + 1, sizeof(uint64_t));
    d->groups = PyMem_Calloc(words / 64 + 1, sizeof(uint64_t));
    if (d->counts && d->seen && d->groups) return 0;
    PyErr_NoMemory();
    return -1;
}

static void distinct_free(Distinct *d) {
    PyMem_Free(d->counts);
    PyMem_Free(d->seen);
    PyMem_Free(d->groups);
    memset(d, 0, sizeof(*d));
}

/* A Distinct for columns below ``width``: the shared one where it is free (grown if it
 * is too narrow), else one of the call's own; NULL with an exception. */
static Distinct *distinct_take(Py_ssize_t width) {
    Distinct *d = &shared_distinct;
    if (shared_distinct_busy) {
        d = PyMem_Calloc(1, sizeof(Distinct));
        if (!d) { PyErr_NoMemory(); return NULL; }
        if (distinct_alloc(d, width) < 0) { distinct_free(d); PyMem_Free(d); return NULL; }
        return d;
    }
    if (width > d->capacity) {
        distinct_free(d);
        if (distinct_alloc(d, width) < 0) { distinct_free(d); return NULL; }
    }
    d->width = width;
    shared_distinct_busy = 1;
    return d;
}

/* Give back what distinct_take gave (all its counts 0 again, as every call leaves them). */
static void distinct_give_back(Distinct *d) {
    if (!d) return;
    if (d == &shared_distinct) {
        shared_distinct_busy = 0;
        return;
    }
    distinct_free(d);
    PyMem_Free(d);
}

/* Forget the first ``n`` of ``columns``, counted by distinct_count. */
static void distinct_clear(Distinct *d, const int64_t *columns, Py_ssize_t n) {
    for (Py_ssize_t i = 0; i < n; i++) {
        d->counts[columns[i]] = 0;
        d->seen[SEEN_WORD(columns[i])] = 0;
        d->groups[GROUP_WORD(columns[i])] = 0;
    }
}

/* Count ``n`` columns: 0; 1 where one of them comes more often than a byte counts (then
 * nothing stays counted: the caller sorts them instead); -1 with a ValueError for a
 * column outside the block. */
static int distinct_count(Distinct *d, const int64_t *columns, Py_ssize_t n) {
    for (Py_ssize_t i = 0; i < n; i++) {
        int64_t column = columns[i];
        if (column < 0 || column >= d->width) {
            distinct_clear(d, columns, i);
            PyErr_SetString(PyExc_ValueError, "inconsistent n-gram table");
            return -1;
        }
        uint8_t count = d->counts[column];
        if (count == UINT8_MAX) {
            distinct_clear(d, columns, i);
            return 1;
        }
        d->counts[column] = (uint8_t)(count + 1);
        if (!count) {
            d->seen[SEEN_WORD(column)] |= (uint64_t)1 << (column & 63);
            d->groups[GROUP_WORD(column)] |= (uint64_t)1 << (SEEN_WORD(column) & 63);
        }
    }
    return 0;
}

/* The counted columns as entries (as run_lengths writes them: ``documents`` NULL for
 * one message's share), in column order, and nothing left counted. ``n`` columns were
 * counted. */
static int distinct_entries(Distinct *d, Py_ssize_t document, Py_ssize_t n,
                            Buffer *documents, Buffer *found, Buffer *counts) {
    Py_ssize_t size = found->size;
    if ((documents && buffer_reserve(documents, size + n) < 0)
        || buffer_reserve(found, size + n) < 0 || buffer_reserve(counts, size + n) < 0)
        return -1;
    /* locals, so that the compiler need not read the pointers again after each store */
    uint8_t *const counted = d->counts;
    uint64_t *const seen = d->seen, *const groups = d->groups;
    int64_t *const to_document = documents ? documents->data : NULL;
    int64_t *const to_column = found->data, *const to_count = counts->data;
    const Py_ssize_t group_words = (d->width + 63) / 64 / 64 + 1;
    for (Py_ssize_t g = 0; g < group_words; g++) {
        for (uint64_t words = groups[g]; words; words &= words - 1) {
            Py_ssize_t word = g * 64 + __builtin_ctzll(words);
            for (uint64_t bits = seen[word]; bits; bits &= bits - 1) {
                int64_t column = word * 64 + __builtin_ctzll(bits);
                if (to_document) to_document[size] = document;
                to_column[size] = column;
                to_count[size++] = counted[column];
                counted[column] = 0;
            }
            seen[word] = 0;
        }
        groups[g] = 0;
    }
    if (documents) documents->size = size;
    found->size = counts->size = size;
    return 0;
}

/* What a call makes of each message's columns: the (document, column, count) entries (in
 * bytearrays, returned as they are: a copy at the end had doubled a batch slice's
 * largest arrays), or, given a block's ``weights``, only each message's share of the
 * decision (``shares``: priced_share's sums, or where a message cannot be priced, the sums
 * linear_block would make of its entries, message_share), with its top columns where
 * they are asked for (``top``; ranked from the entries where priced_share cannot rank
 * them). Also what finds a message's distinct columns, and the sort's plan, counts and
 * scratch for a message with a column too frequent for it (made when one first comes). */
typedef struct {
    Buffer documents, columns, counts, scratch;
    Distinct *distinct;     /* distinct_take's */
    Radix radix;
    Py_ssize_t *histograms;
    Weights given;          /* the block's weights, where the call was given them */
    const Weights *weights; /* &given then, else NULL */
    PyObject *shares;       /* bytes, a float64 a message, when ``weights`` is set;
                             * ``columns`` and ``counts`` then hold one message's entries
                             * at a time, and ``documents`` stays empty */
    double *values;         /* scratch: a message's v for each entry */
    Py_ssize_t values_capacity;
    int top_k;              /* with ``shares``: each message's top columns, kept in ``top`` */
    PyObject *top;          /* bytes, ``top_k`` int64 a message (-1 where there are fewer) */
} Tallies;

/* Where message ``document``'s top columns go, or NULL where none are wanted. */
static inline int64_t *tallies_top(const Tallies *t, Py_ssize_t document) {
    return t->top ? (int64_t *)PyBytes_AS_STRING(t->top) + document * t->top_k : NULL;
}

/* Tallies for columns below ``width``: entries, or shares where the caller was given a
 * block's weights (``idf`` holds a buffer; the counting calls take them as optional
 * arguments, whose buffers stay empty when left out), with each message's ``top_k``
 * columns where that is not 0. */
static int tallies_init(Tallies *t, Py_ssize_t width, const Py_buffer *idf,
                        const Py_buffer *coef, const Py_buffer *tf, Py_ssize_t messages,
                        int top_k) {
    memset(t, 0, sizeof(*t));
    t->radix = radix_for(width);
    if (!(t->distinct = distinct_take(width))) return -1;
    if (idf->buf) {
        if (weights_of(idf, coef, tf, &t->given) < 0) return -1;
        t->weights = &t->given;
        if (t->given.width != width) {
            PyErr_SetString(PyExc_ValueError, "the weights are not the block's");
            return -1;
        }
        t->shares = PyBytes_FromStringAndSize(NULL, messages * (Py_ssize_t)sizeof(double));
        if (!t->shares) return -1;
        double *shares = (double *)PyBytes_AS_STRING(t->shares);
        for (Py_ssize_t m = 0; m < messages; m++) shares[m] = 0.0;
        if (top_k) {
            t->top_k = top_k;
            t->top = PyBytes_FromStringAndSize(NULL,
                                               messages * top_k * (Py_ssize_t)sizeof(int64_t));
            if (!t->top) return -1;
            int64_t *top = (int64_t *)PyBytes_AS_STRING(t->top);
            for (Py_ssize_t k = 0; k < messages * top_k; k++) top[k] = -1;
        }
        return 0;
    }
    if (top_k) {
        PyErr_SetString(PyExc_ValueError, "top columns need the block's weights");
        return -1;
    }
    t->documents.array = PyByteArray_FromStringAndSize(NULL, 0);
    t->columns.array = PyByteArray_FromStringAndSize(NULL, 0);
    t->counts.array = PyByteArray_FromStringAndSize(NULL, 0);
    return t->documents.array && t->columns.array && t->counts.array ? 0 : -1;
}

/* One message's entries (its distinct columns in order, with their counts) added to the
 * tallies' buffers; ``documents`` too, unless only the message's share is wanted. */
static int message_entries(Tallies *t, Py_ssize_t document, const Buffer *columns) {
    Buffer *documents = t->weights ? NULL : &t->documents;
    int frequent = distinct_count(t->distinct, columns->data, columns->size);
    if (frequent < 0) return -1;
    if (!frequent) {
        if (distinct_entries(t->distinct, document, columns->size, documents, &t->columns,
                             &t->counts) == 0)
            return 0;
        distinct_clear(t->distinct, columns->data, columns->size);  /* none left counted */
        return -1;
    }
    if (!t->histograms  /* the sort's, made when a message first needs it */
        && !(t->histograms = PyMem_Malloc(sizeof(Py_ssize_t)
                                          * ((size_t)t->radix.passes << t->radix.bits) + 1))) {
        PyErr_NoMemory();
        return -1;
    }
    if (buffer_reserve(&t->scratch, columns->size) < 0) return -1;
    const int64_t *sorted = radix_sort(columns->data, t->scratch.data, columns->size, t->radix,
                                       t->histograms);
    return run_lengths(document, sorted, columns->size, documents, &t->columns, &t->counts);
}

/* One message's share from its entries in ``columns`` and ``counts``, summed as
 * linear_block sums them (message_sum), so the sums are equal to the last bit. */
static int message_share(Tallies *t, Py_ssize_t document) {
    Py_ssize_t entries = t->columns.size;
    if (entries > t->values_capacity) {
        double *grown = PyMem_Realloc(t->values, (size_t)entries * sizeof(double));
        if (!grown) { PyErr_NoMemory(); return -1; }
        t->values = grown;
        t->values_capacity = entries;
    }
    ((double *)PyBytes_AS_STRING(t->shares))[document] = message_sum(
        t->weights, t->columns.data, t->counts.data, entries, t->values, t->top_k,
        tallies_top(t, document));
    return 0;
}

/* Add one message's columns (any order, repeats counted): one entry each distinct
 * column, or its share. */
static int tally_message(Tallies *t, Py_ssize_t document, Buffer *columns) {
    if (!columns->size) return 0;  /* no entries; a share of 0 */
    if (t->weights) t->columns.size = t->counts.size = 0;
    if (message_entries(t, document, columns) < 0) return -1;
    return t->weights ? message_share(t, document) : 0;
}

/* The three int64 arrays as bytearrays cut to their size: (documents, columns, counts);
 * or the shares, and with top columns (shares, top). */
static PyObject *tallies_result(const Tallies *t) {
    if (t->top) return Py_BuildValue("(OO)", t->shares, t->top);
    if (t->weights) return Py_NewRef(t->shares);
    const Buffer *parts[3] = {&t->documents, &t->columns, &t->counts};
    for (int k = 0; k < 3; k++)
        if (PyByteArray_Resize(parts[k]->array, parts[k]->size * (Py_ssize_t)sizeof(int64_t)) < 0)
            return NULL;
    return Py_BuildValue("(OOO)", t->documents.array, t->columns.array, t->counts.array);
}

static void tallies_free(Tallies *t) {
    buffer_free(&t->documents);
    buffer_free(&t->columns);
    buffer_free(&t->counts);
    Py_XDECREF(t->shares);
    Py_XDECREF(t->top);
    PyMem_Free(t->scratch.data);
    PyMem_Free(t->histograms);
    PyMem_Free(t->values);
    distinct_give_back(t->distinct);
}

/* Message ``document`` of the list ``texts`` (borrowed), or NULL with a TypeError. */
static PyObject *text_at(PyObject *texts, Py_ssize_t document) {
    PyObject *text = PyList_GET_ITEM(texts, document);
    if (PyUnicode_Check(text)) return text;
    PyErr_Format(PyExc_TypeError, "message %zd is not str", document);
    return NULL;
}

/* The column that ``terms`` gives ``term`` (a new reference, which this releases):
 * -1 when it has none, -2 on error (``term`` NULL included). */
static int64_t column_of(PyObject *terms, PyObject *term) {
    if (!term) return -2;
    PyObject *found = PyDict_GetItemWithError(terms, term);
    Py_DECREF(term);
    if (!found) return PyErr_Occurred() ? -2 : -1;
    Py_ssize_t column = PyLong_AsSsize_t(found);
    return (column == -1 && PyErr_Occurred()) ? -2 : column;
}

/* The column of a window too wide to pack, looked up as a string in ``wide``. */
static int64_t wide_column(PyObject *wide, const Py_UCS4 *window, int n) {
    return column_of(wide, PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, window, n));
}

/* Windows of a word waiting for their columns: the hot table's misses are fetched ahead
 * from the whole table (larger than the CPU's caches) and looked up together. */
#define PENDING_WINDOWS 128
#define IN_TABLE -3   /* look the packed key up in the whole table */
#define TOO_WIDE -4   /* look the window up as a string */
typedef struct {
    Py_ssize_t size;
    int64_t column[PENDING_WINDOWS];
    uint64_t key[PENDING_WINDOWS];
    Py_ssize_t start[PENDING_WINDOWS];
    int n[PENDING_WINDOWS];
} Pending;

/* Every pending window's column, appended to ``columns`` in their order. */
static int resolve_windows(Pending *p, const Py_UCS4 *chars, const Table *table,
                           PyObject *wide, Buffer *columns) {
    for (Py_ssize_t i = 0; i < p->size; i++) {
        int64_t column = p->column[i];
        if (column == IN_TABLE) {
            column = table_lookup(table, p->key[i]);
        } else if (column == TOO_WIDE) {
            column = PyDict_GET_SIZE(wide) ? wide_column(wide, chars + p->start[i], p->n[i]) : -1;
            if (column == -2) return -1;
        }
        if (column >= 0 && buffer_push(columns, column) < 0) return -1;
    }
    p->size = 0;
    return 0;
}

/* The columns of one padded word's windows, appended to ``columns``: packed keys looked
 * up in ``hot`` and then ``table``, wide windows in ``wide``. */
static int word_columns(const Py_UCS4 *chars, Py_ssize_t size, int low, int high, int bits,
                        const Table *table, const Table *hot, PyObject *wide, Buffer *columns) {
    const uint64_t too_wide = (uint64_t)1 << bits;
    Pending pending;
    pending.size = 0;
    for (Py_ssize_t start = 0; start + low <= size; start++) {
        uint64_t key = 0;
        int is_wide = 0;
        for (int n = 1; n <= high && start + n <= size; n++) {
            Py_UCS4 code = chars[start + n - 1];
            is_wide |= code >= too_wide;
            key = (key << bits) | (code & (too_wide - 1));
            if (n < low) continue;
            if (pending.size == PENDING_WINDOWS
                && resolve_windows(&pending, chars, table, wide, columns) < 0)
                return -1;
            Py_ssize_t i = pending.size++;
            pending.start[i] = start;
            pending.n[i] = n;
            if (is_wide) {
                pending.column[i] = TOO_WIDE;
                continue;
            }
            uint64_t packed = key | ((uint64_t)n << KEY_BITS);
            /* the frequent n-grams' table fits in the CPU's own caches, and holds most */
            int64_t column = table_lookup(hot, packed);
            if (column < 0) {
                column = IN_TABLE;
                pending.key[i] = packed;
                __builtin_prefetch(&table->slots[2 * home(table, packed)]);
            }
            pending.column[i] = column;
        }
    }
    return resolve_windows(&pending, chars, table, wide, columns);
}

/* One word of a message in a scratch of code points: where it starts and how long it is,
 * its hash, and (once looked up) its entry in a WordTable, or -1. */
typedef struct {
    Py_ssize_t at, length;
    uint64_t hash;
    Py_ssize_t entry;
} WordAt;

/* The bytes the CPU fetches at once: find_words fetches a word's values line by line. */
#define CACHE_LINE 64

/* Columns of a message in the order met, each with its two parts (idf * coef and
 * idf * idf, side by side): a word's, in its WordTable, or a whole message's. */
typedef struct {
    const int64_t *columns;
    const double *parts;
    Py_ssize_t count;
} PricedRun;

/* Scratch kept between the messages of a call: the words' code points and where each is. */
typedef struct {
    Py_UCS4 *chars;
    Py_ssize_t chars_capacity;
    WordAt *words;
    Py_ssize_t words_capacity;
    PricedRun *runs;  /* each word's priced columns, for a share */
    Py_ssize_t runs_capacity;
} MessageWords;

static void message_words_free(MessageWords *m) {
    PyMem_Free(m->chars);
    PyMem_Free(m->words);
    PyMem_Free(m->runs);
}

/* Look each of ``count`` words up in ``t``: its ``entry``, or -1 where ``t`` does not
 * hold it. The tables are far larger than the CPU's caches, so the lookups are made in
 * stages over all of a message's words, each stage fetching ahead what the next one
 * reads (the slot, then the entry, then its code points and every line of its values,
 * which the caller copies next): the fetches of different words then overlap instead
 * of waiting one after another. */
static void find_words(const WordTable *t, const Py_UCS4 *chars, WordAt *words,
                       Py_ssize_t count) {
    uint64_t mask = t->capacity ? (uint64_t)t->capacity - 1 : 0;
    for (Py_ssize_t w = 0; w < count; w++) {
        words[w].entry = -1;
        if (t->capacity) __builtin_prefetch(&t->slots[words[w].hash & mask]);
    }
    if (!t->capacity) return;
    for (Py_ssize_t w = 0; w < count; w++) {
        for (uint64_t slot = words[w].hash & mask;; slot = (slot + 1) & mask) {
            const WordSlot *s = &t->slots[slot];
            if (!s->hash) break;
            if (s->hash == words[w].hash) {
                words[w].entry = s->entry;
                __builtin_prefetch(&t->entries[s->entry]);
                break;
            }
        }
    }
    for (Py_ssize_t w = 0; w < count; w++) {
        if (words[w].entry < 0) continue;
        const WordEntry *e = &t->entries[words[w].entry];
        __builtin_prefetch(t->chars + e->chars_at);
        /* all of the values: a word's character columns span several cache lines */
        const char *values = (const char *)(t->values + e->values_at);
        const char *end = (const char *)(t->values + e->values_at + e->count);
        for (const char *line = values; line < end; line += CACHE_LINE)
            __builtin_prefetch(line);
    }
    for (Py_ssize_t w = 0; w < count; w++) {
        WordAt *word = &words[w];
        if (word->entry < 0) continue;
        const WordEntry *e = &t->entries[word->entry];
        if (e->length == word->length
            && memcmp(t->chars + e->chars_at, chars + word->at,
                      (size_t)word->length * sizeof(Py_UCS4)) == 0)
            continue;
        /* the first slot with its hash holds another word: probe on */
        const WordEntry *found = word_table_find(t, chars + word->at, word->length, word->hash);
        word->entry = found ? found - t->entries : -1;
    }
}

/* The message's words, each padded with a space on both sides, in ``m``; how many (or
 * -1 on error). */
PER_KIND Py_ssize_t split_words_in(int kind, const void *data, Py_ssize_t length,
                                   MessageWords *m) {
    /* at most one word for every two characters, plus one; each padded by two */
    if (ucs4_reserve(&m->chars, &m->chars_capacity, length + 2 * (length / 2 + 1)) < 0
        || word_table_reserve((void **)&m->words, &m->words_capacity, length / 2 + 1,
                              sizeof(WordAt)) < 0)
        return -1;
    Py_ssize_t count = 0, at = 0, i = 0;
    while (i < length) {
        while (i < length && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i))) i++;
        if (i >= length) break;
        Py_ssize_t first = i;
        while (i < length && !Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i))) i++;
        Py_UCS4 *chars = m->chars + at;
        chars[0] = ' ';
        for (Py_ssize_t k = first; k < i; k++) chars[k - first + 1] = PyUnicode_READ(kind, data, k);
        chars[i - first + 1] = ' ';
        WordAt *word = &m->words[count++];
        word->at = at + 1;
        word->length = i - first;
        word->hash = word_hash(chars + 1, word->length);
        at += word->length + 2;
    }
    return count;
}

static Py_ssize_t split_words(PyObject *text, MessageWords *m) {
    return BY_KIND(PyUnicode_KIND(text), split_words_in, PyUnicode_DATA(text),
                   PyUnicode_GET_LENGTH(text), m);
}

/* The entry in ``seen`` of each of the message's words (``m->words[w].entry``), the words
 * not yet there added with their windows' columns; how many words, or -1 on error. The
 * caller keeps ``seen`` between calls: most words of a message have been seen in earlier
 * ones. */
static Py_ssize_t message_words(PyObject *text, int low, int high, int bits, const Table *table,
                                const Table *hot, PyObject *wide, WordTable *seen,
                                Buffer *word_columns_found, MessageWords *m) {
    Py_ssize_t count = split_words(text, m);
    if (count < 0) return -1;
    find_words(seen, m->chars, m->words, count);
    for (Py_ssize_t w = 0; w < count; w++) {
        WordAt *word = &m->words[w];
        const Py_UCS4 *chars = m->chars + word->at;
        if (word->entry < 0) {  /* or added just now, by an earlier word of the message */
            const WordEntry *known = word_table_find(seen, chars, word->length, word->hash);
            if (known) {
                word->entry = known - seen->entries;
            } else {
                word_columns_found->size = 0;
                if (word_columns(chars - 1, word->length + 2, low, high, bits, table, hot,
                                 wide, word_columns_found) < 0
                    || word_table_add(seen, chars, word->length, word->hash,
                                      word_columns_found->data, word_columns_found->size) < 0)
                    return -1;
                word->entry = seen->size - 1;
            }
        }
        seen->entries[word->entry].found++;  /* what keep_frequent keeps */
    }
    return count;
}

/* The columns of the message's ``count`` words (message_words'), appended to ``columns``. */
static int message_columns(const WordTable *seen, const MessageWords *m, Py_ssize_t count,
                           Buffer *columns) {
    for (Py_ssize_t w = 0; w < count; w++) {
        const WordEntry *e = &seen->entries[m->words[w].entry];
        if (buffer_reserve(columns, columns->size + e->count) < 0) return -1;
        if (e->count)
            memcpy(columns->data + columns->size, seen->values + e->values_at,
                   (size_t)e->count * sizeof(int64_t));
        columns->size += e->count;
    }
    return 0;
}

/* priced_share's sums over the counted columns, each column's count cleared as it is
 * taken; ``tracking`` (a constant in each copy) offers each column to ``top``. */
PER_KIND void priced_sums(const PricedRun *runs, Py_ssize_t n, const Weights *w,
                          uint8_t *counts, double *dot, double *squares, const int tracking,
                          TopColumns *top) {
    for (Py_ssize_t r = 0; r < n; r++) {
        const int64_t *columns = runs[r].columns;
        const double *parts = runs[r].parts;
        for (Py_ssize_t i = 0; i < runs[r].count; i++) {
            uint8_t k = counts[columns[i]];
            if (!k) continue;  /* taken where the column first came */
            counts[columns[i]] = 0;
            double tf = k < w->tf_size ? w->tf[k] : 1.0 + log((double)k);
            double product = tf * parts[2 * i];  /* the column's product times the norm */
            *dot += product;
            *squares += tf * tf * parts[2 * i + 1];
            if (tracking) top_offer(top, columns[i], product);
        }
    }
}

/* One message's share of a block's decision from its priced columns (``runs``): ``counts``
 * counts every column, and each distinct column's v = tf[count] * idf is then taken where
 * it first comes, from the parts that come with it, so no idf or weight is read from the
 * block's arrays (1-2 MB each, read at random: a third of the character block's time).
 * The sum is message_sum's in another order and with one division, so it differs from
 * it in the last bits. With ``top_k``, also the columns of its ``top_k`` largest positive
 * products in ``best``, as message_sum finds them (each ranked by its product times the
 * message's norm, which orders them alike but for near ties: 2 where two of them are
 * too close for that, and the caller finds the top columns from the entries, as
 * message_sum does, so that every path shows the same terms). 1 where a column comes
 * more often than a byte counts (nothing is then left counted, and the caller sums the
 * entries instead), else 0. */
static int priced_share(const PricedRun *runs, Py_ssize_t n, const Weights *w,
                        uint8_t *counts, double *share, int top_k, int64_t *best) {
    for (Py_ssize_t r = 0; r < n; r++) {
        for (Py_ssize_t i = 0; i < runs[r].count; i++) {
            int64_t column = runs[r].columns[i];
            if (counts[column] == UINT8_MAX) {  /* forget every count so far */
                for (Py_ssize_t back = 0; back <= r; back++)
                    for (Py_ssize_t j = 0; j < runs[back].count; j++)
                        counts[runs[back].columns[j]] = 0;
                return 1;
            }
            counts[column]++;
        }
    }
    double dot = 0.0, squares = 0.0;
    if (!(top_k && best)) {
        priced_sums(runs, n, w, counts, &dot, &squares, 0, NULL);
        *share = squares > 0.0 ? dot / sqrt(squares) : 0.0;
        return 0;
    }
    TopColumns top;
    top_start(&top, top_k, best, top_k + 1);
    priced_sums(runs, n, w, counts, &dot, &squares, 1, &top);
    *share = squares > 0.0 ? dot / sqrt(squares) : 0.0;
    if (top_near_tie(&top)) return 2;
    top_finish(&top);
    return 0;
}

/* One message's share, or its entries (without ``t->weights``), from its ``count`` words. */
static int tally_words(Tallies *t, Py_ssize_t document, WordTable *seen, MessageWords *m,
                       Py_ssize_t count, Buffer *columns) {
    if (t->weights) {
        if (word_table_reserve((void **)&m->runs, &m->runs_capacity, count, sizeof(PricedRun)) < 0)
            return -1;
        for (Py_ssize_t w = 0; w < count; w++)  /* may move the parts: before taking them */
            if (word_table_price(seen, &seen->entries[m->words[w].entry]) < 0) return -1;
        for (Py_ssize_t w = 0; w < count; w++) {
            const WordEntry *e = &seen->entries[m->words[w].entry];
            m->runs[w].columns = seen->values + e->values_at;
            m->runs[w].parts = seen->parts + 2 * e->values_at;
            m->runs[w].count = e->count;
        }
        double *shares = (double *)PyBytes_AS_STRING(t->shares);
        if (!priced_share(m->runs, count, t->weights, t->distinct->counts, &shares[document],
                          0, NULL))  /* 0 or 1 without top columns */
            return 0;
    }
    columns->size = 0;
    if (message_columns(seen, m, count, columns) < 0) return -1;
    return tally_message(t, document, columns);
}

static PyObject *count_char_grams(PyObject *module, PyObject *args) {
    PyObject *texts, *wide;
    WordTable *seen;
    int low, high, bits, shift, hot_shift;
    Py_ssize_t width;
    Py_buffer slots = {0}, hot_slots = {0}, idf = {0}, coef = {0}, tf = {0};
    if (!PyArg_ParseTuple(args, "O!iiiy*iy*inO!O!|y*y*y*", &PyList_Type, &texts, &low, &high,
                          &bits, &slots, &shift, &hot_slots, &hot_shift, &width, &PyDict_Type,
                          &wide, &WordTableType, &seen, &idf, &coef, &tf))
        return NULL;
    PyObject *result = NULL;
    Buffer word = {0}, columns = {0};
    Tallies tallies = {{0}, {0}, {0}, {0}};
    MessageWords words = {0};
    Table table, hot;
    if (low < 1 || high < low || high > MAX_N || bits < 1 || bits * high > KEY_BITS
        || width < 0 || table_of(&slots, shift, &table) < 0
        || table_of(&hot_slots, hot_shift, &hot) < 0) {
        PyErr_SetString(PyExc_ValueError, "inconsistent n-gram table");
        goto done;
    }
    if (tallies_init(&tallies, width, &idf, &coef, &tf, PyList_GET_SIZE(texts), 0) < 0)
        goto done;
    if (tallies.weights)
        word_table_price_by(seen, tallies.weights->idf, tallies.weights->coef, width);
    for (Py_ssize_t document = 0; document < PyList_GET_SIZE(texts); document++) {
        PyObject *text = text_at(texts, document);
        if (!text) goto done;
        Py_ssize_t count = message_words(text, low, high, bits, &table, &hot, wide, seen,
                                         &word, &words);
        if (count < 0 || tally_words(&tallies, document, seen, &words, count, &columns) < 0)
            goto done;
    }
    result = tallies_result(&tallies);
done:
    PyBuffer_Release(&slots);
    PyBuffer_Release(&hot_slots);
    release_weights(&idf, &coef, &tf);
    PyMem_Free(word.data);
    PyMem_Free(columns.data);
    tallies_free(&tallies);
    message_words_free(&words);
    return result;
}

/* Word tokens as features.word_tokens finds them (the regex
 * [^\W\d_]+|\d+|[$€£¥₹₦]|[\U0001F300-\U0001FAFF\u2600-\u27BF], tried in that order),
 * each looked up in ``unigrams``: its column, or -1. */
static inline int is_letter(Py_UCS4 c) {
    if (c < 128) return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    return Py_UNICODE_ISALNUM(c) && !Py_UNICODE_ISDECIMAL(c);
}

static int is_decimal(Py_UCS4 c) {
    return c < 128 ? c >= '0' && c <= '9' : Py_UNICODE_ISDECIMAL(c);
}

static int is_sign(Py_UCS4 c) {
    return c == '$' || c == 0x20AC || c == 0xA3 || c == 0xA5 || c == 0x20B9 || c == 0x20A6
           || (c >= 0x1F300 && c <= 0x1FAFF) || (c >= 0x2600 && c <= 0x27BF);
}

/* A word's entry in ``unigrams``, or -1. */
static Py_ssize_t unigram_entry(const WordTable *unigrams, const Py_UCS4 *chars,
                                Py_ssize_t length) {
    const WordEntry *e = word_table_find(unigrams, chars, length, word_hash(chars, length));
    return e ? e - unigrams->entries : -1;
}

/* The unigram column of entry ``entry`` of ``unigrams`` (its first value), or -1. */
static inline int64_t unigram_of(const WordTable *unigrams, Py_ssize_t entry) {
    const WordEntry *e = &unigrams->entries[entry];
    return e->count ? unigrams->values[e->values_at] : -1;
}

/* Marks a token in ``ids`` whose column is looked up once the whole message is read. */
#define PENDING (-2)

/* The unigram column of each of the message's tokens (-1 for none), appended to ``ids``,
 * and (unless ``entries`` is NULL) its entry in ``unigrams`` (-1 for none) to ``entries``:
 * a number's from ``zeros`` at once, the words' and signs' looked up together
 * (find_words) once the whole message is read, their code points kept in ``m``. */
PER_KIND int message_tokens_in(int kind, const void *data, Py_ssize_t length,
                              const WordTable *unigrams, const Py_ssize_t *zeros, Buffer *ids,
                              Buffer *entries, MessageWords *m) {
    if (ucs4_reserve(&m->chars, &m->chars_capacity, length + 1) < 0
        || word_table_reserve((void **)&m->words, &m->words_capacity, length + 1,
                              sizeof(WordAt)) < 0)
        return -1;
    Py_ssize_t i = 0, count = 0, at = 0;
    while (i < length) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        Py_ssize_t start = i, end;
        if (is_letter(c)) {
            while (i < length && is_letter(PyUnicode_READ(kind, data, i))) i++;
            /* a word that begins with a digit-like sign ("²") is cut to 4, as numbers are */
            end = c >= 128 && Py_UNICODE_ISDIGIT(c) && i - start > 4 ? start + 4 : i;
        } else if (is_decimal(c)) {
            while (i < length && is_decimal(PyUnicode_READ(kind, data, i))) i++;
            /* "0", "00", ... "0000" */
            Py_ssize_t zero = zeros[(i - start > 4 ? 4 : i - start) - 1];
            int64_t id = zero >= 0 ? unigram_of(unigrams, zero) : -1;
            if (buffer_push(ids, id) < 0
                || (entries && buffer_push(entries, id >= 0 ? zero : -1) < 0))
                return -1;
            continue;
        } else if (is_sign(c)) {
            end = ++i;
        } else {
            i++;
            continue;
        }
        WordAt *word = &m->words[count++];
        word->at = at;
        word->length = end - start;
        for (Py_ssize_t k = start; k < end; k++) m->chars[at++] = PyUnicode_READ(kind, data, k);
        word->hash = word_hash(m->chars + word->at, word->length);
        if (buffer_push(ids, PENDING) < 0 || (entries && buffer_push(entries, -1) < 0)) return -1;
    }
    find_words(unigrams, m->chars, m->words, count);
    const WordAt *word = m->words;
    for (Py_ssize_t k = 0; k < ids->size; k++) {
        if (ids->data[k] != PENDING) continue;
        ids->data[k] = word->entry >= 0 ? unigram_of(unigrams, word->entry) : -1;
        if (entries) entries->data[k] = ids->data[k] >= 0 ? word->entry : -1;
        word++;
    }
    return 0;
}

static int message_tokens(PyObject *text, const WordTable *unigrams, const Py_ssize_t *zeros,
                          Buffer *ids, Buffer *entries, MessageWords *m) {
    return BY_KIND(PyUnicode_KIND(text), message_tokens_in, PyUnicode_DATA(text),
                   PyUnicode_GET_LENGTH(text), unigrams, zeros, ids, entries, m);
}

/* Unigram columns, then each run of 2..longest known tokens as a packed key looked up
 * in the table (gram_counts.WordGramCounter's keys). */
#define WORD_BITS 20

/* The word n-gram table with each slot's parts beside its key and column (key, column,
 * idf * coef, idf * idf: one cache line a probe), made by WordGramCounter for a block's
 * weights: the column found, its parts in *parts; or -1. */
static int64_t priced_lookup(const Table *t, uint64_t key, const double **parts) {
    uint64_t slot = home(t, key);
    for (;;) {
        const uint64_t *at = t->slots + 4 * slot;
        if (at[0] == key) {
            *parts = (const double *)(at + 2);
            return (int64_t)at[1];
        }
        if (at[0] == 0) return -1;
        slot = (slot + 1) & t->mask;
    }
}

/* A priced table over the same slots as ``plain`` (four values a slot); -1 where not. */
static int priced_table_of(Py_buffer *slots, const Table *plain, Table *priced) {
    if (slots->len != (Py_ssize_t)((plain->mask + 1) * 4 * sizeof(uint64_t))) return -1;
    priced->slots = slots->buf;
    priced->mask = plain->mask;
    priced->shift = plain->shift;
    return 0;
}

static PyObject *count_word_grams(PyObject *module, PyObject *args) {
    PyObject *texts;
    WordTable *unigrams;
    int longest, shift;
    Py_ssize_t width;
    Py_buffer slots = {0}, idf = {0}, coef = {0}, tf = {0}, priced_slots = {0};
    int top_k = 0;
    if (!PyArg_ParseTuple(args, "O!iO!y*in|y*y*y*y*i", &PyList_Type, &texts, &longest,
                          &WordTableType, &unigrams, &slots, &shift, &width, &idf, &coef, &tf,
                          &priced_slots, &top_k))
        return NULL;
    PyObject *result = NULL;
    Py_ssize_t zeros[4];
    Buffer ids = {0}, entries = {0}, columns = {0}, keys = {0};
    double *parts = NULL;
    Py_ssize_t parts_capacity = 0;
    MessageWords words = {0};
    Tallies tallies = {{0}, {0}, {0}, {0}};
    Table table, priced;
    if (longest < 1 || longest > 3 || width < 0 || width > ((Py_ssize_t)1 << WORD_BITS)
        || table_of(&slots, shift, &table) < 0
        || (priced_slots.buf && priced_table_of(&priced_slots, &table, &priced) < 0)
        || top_k < 0 || top_k > MAX_TOP || (top_k && !priced_slots.buf)) {
        PyErr_SetString(PyExc_ValueError, "inconsistent word n-gram table");
        goto done;
    }
    const Py_UCS4 digits[4] = {'0', '0', '0', '0'};
    for (int k = 0; k < 4; k++) zeros[k] = unigram_entry(unigrams, digits, k + 1);
    if (tallies_init(&tallies, width, &idf, &coef, &tf, PyList_GET_SIZE(texts), top_k) < 0)
        goto done;
    /* with the priced table, a share is summed from each column's parts (priced_share) */
    const int by_parts = tallies.weights && priced_slots.buf;
    if (by_parts)
        word_table_price_by(unigrams, tallies.weights->idf, tallies.weights->coef, width);

    for (Py_ssize_t document = 0; document < PyList_GET_SIZE(texts); document++) {
        PyObject *text = text_at(texts, document);
        if (!text) goto done;
        ids.size = entries.size = columns.size = 0;
        if (message_tokens(text, unigrams, zeros, &ids, by_parts ? &entries : NULL, &words) < 0)
            goto done;
        if (by_parts && word_table_reserve((void **)&parts, &parts_capacity, 2 * ids.size,
                                           sizeof(double)) < 0)
            goto done;
        for (Py_ssize_t k = 0; k < ids.size; k++) {
            if (ids.data[k] < 0) continue;
            if (by_parts) {
                WordEntry *e = &unigrams->entries[entries.data[k]];
                if (word_table_price(unigrams, e) < 0) goto done;
                memcpy(parts + 2 * columns.size, unigrams->parts + 2 * e->values_at,
                       2 * sizeof(double));
            }
            if (buffer_push(&columns, ids.data[k]) < 0) goto done;
        }
        /* the keys first, each one's slot fetched ahead (the table is larger than the
         * CPU's caches), then the lookups, in the same order */
        keys.size = 0;
        const Table *lookup_table = by_parts ? &priced : &table;
        const int stride = by_parts ? 4 : 2;
        for (int n = 2; n <= longest; n++) {
            for (Py_ssize_t k = 0; k + n <= ids.size; k++) {
                uint64_t key = (uint64_t)n << KEY_BITS;
                int known = 1;
                for (int j = 0; j < n; j++) {
                    known &= ids.data[k + j] >= 0;
                    key |= (uint64_t)(ids.data[k + j] & ((1 << WORD_BITS) - 1))
                           << (WORD_BITS * (n - 1 - j));
                }
                if (!known) continue;
                __builtin_prefetch(&lookup_table->slots[stride * home(lookup_table, key)]);
                if (buffer_push(&keys, (int64_t)key) < 0) goto done;
            }
        }
        if (by_parts && word_table_reserve((void **)&parts, &parts_capacity,
                                           2 * (columns.size + keys.size), sizeof(double)) < 0)
            goto done;
        for (Py_ssize_t k = 0; k < keys.size; k++) {
            const double *found_parts = NULL;
            int64_t column = by_parts ? priced_lookup(&priced, (uint64_t)keys.data[k],
                                                      &found_parts)
                                      : table_lookup(&table, (uint64_t)keys.data[k]);
            if (column < 0) continue;
            if (by_parts) {
                if (column >= width) {  /* counted by the byte of its column, so checked */
                    PyErr_SetString(PyExc_ValueError, "inconsistent n-gram table");
                    goto done;
                }
                memcpy(parts + 2 * columns.size, found_parts, 2 * sizeof(double));
            }
            if (buffer_push(&columns, column) < 0) goto done;
        }
        if (by_parts) {
            PricedRun run = {columns.data, parts, columns.size};
            double *shares = (double *)PyBytes_AS_STRING(tallies.shares);
            int summed = priced_share(&run, 1, tallies.weights, tallies.distinct->counts,
                                      &shares[document], tallies.top_k,
                                      tallies_top(&tallies, document));
            if (summed == 0) continue;
            if (summed == 2) {  /* the top columns from the entries, the share kept */
                double share = shares[document];
                if (tally_message(&tallies, document, &columns) < 0) goto done;
                shares[document] = share;
                continue;
            }
        }
        if (tally_message(&tallies, document, &columns) < 0) goto done;
    }
    result = tallies_result(&tallies);
done:
    PyBuffer_Release(&slots);
    PyBuffer_Release(&priced_slots);
    release_weights(&idf, &coef, &tf);
    PyMem_Free(ids.data);
    PyMem_Free(entries.data);
    PyMem_Free(keys.data);
    PyMem_Free(parts);
    message_words_free(&words);
    PyMem_Free(columns.data);
    tallies_free(&tallies);
    return result;
}

/* A growing array of output characters with the position each came from. */
typedef struct {
    Py_UCS4 *chars;
    int32_t *starts;
    Py_ssize_t size, capacity;
} Folded;

static inline int folded_push(Folded *f, Py_UCS4 c, Py_ssize_t from) {
    if (f->size == f->capacity) {
        Py_ssize_t capacity = f->capacity ? 2 * f->capacity : 256;
        Py_UCS4 *chars = PyMem_Realloc(f->chars, (size_t)capacity * sizeof(Py_UCS4));
        if (chars) f->chars = chars;
        int32_t *starts = chars ? PyMem_Realloc(f->starts, (size_t)capacity * sizeof(int32_t))
                                : NULL;
        if (!chars || !starts) { PyErr_NoMemory(); return -1; }
        f->starts = starts;
        f->capacity = capacity;
    }
    f->chars[f->size] = c;
    f->starts[f->size++] = (int32_t)from;
    return 0;
}

/* One folded character from position ``from``, white space folded on the way as
 * normalise._normalise_simple does (a run becomes one space at its first position;
 * none at the ends). */
static inline int fold_one(Folded *f, Py_UCS4 c, Py_ssize_t from, Py_ssize_t *pending) {
    if (Py_UNICODE_ISSPACE(c)) {
        if (*pending < 0) *pending = from;
        return 0;
    }
    if (*pending >= 0 && f->size && folded_push(f, ' ', *pending) < 0) return -1;
    *pending = -1;
    return folded_push(f, c, from);
}

/* fold_characters' loop for one kind: 0, or -1 with an exception set. Stops at a
 * character whose folding is None (``*general`` set); once a character is missing
 * from ``foldings``, only gathers the missing ones in ``*missing``. */
PER_KIND int fold_all(int kind, const void *data, Py_ssize_t length, PyObject *foldings,
                      Folded *f, PyObject **missing, int *general) {
    Py_ssize_t pending = -1;
    for (Py_ssize_t i = 0; i < length; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (c >= ' ' && c <= '~') {
            if (!*missing && fold_one(f, c >= 'A' && c <= 'Z' ? c + 32 : c, i, &pending) < 0)
                return -1;
            continue;
        }
        PyObject *key = PyUnicode_FromOrdinal((int)c);
        if (!key) return -1;
        PyObject *out = PyDict_GetItemWithError(foldings, key);  /* borrowed */
        if (!out) {
            int failed = PyErr_Occurred() || (!*missing && !(*missing = PyList_New(0)))
                         || PyList_Append(*missing, key) < 0;
            Py_DECREF(key);
            if (failed) return -1;
            continue;
        }
        Py_DECREF(key);
        if (out == Py_None) {
            *general = 1;
            return 0;
        }
        if (*missing) continue;  /* only gathering what is missing now */
        if (!PyUnicode_Check(out)) {
            PyErr_SetString(PyExc_TypeError, "a folding must be str or None");
            return -1;
        }
        int out_kind = PyUnicode_KIND(out);
        const void *out_data = PyUnicode_DATA(out);
        for (Py_ssize_t k = 0; k < PyUnicode_GET_LENGTH(out); k++)
            if (fold_one(f, PyUnicode_READ(out_kind, out_data, k), i, &pending) < 0) return -1;
    }
    return 0;
}

/* normalise._per_character and _one_to_one_view in one loop: each visible ASCII
 * character lower-cased, every other one replaced by its text in ``foldings`` (str ->
 * str, or None where the text needs the general path), then white space folded, each
 * character keeping the position it came from (ends: one past it). Returns (text,
 * starts, ends), positions as bytes of int32; None where a character's folding is None; or
 * the list of characters that ``foldings`` lacks (to be added, and the call made again). */
static PyObject *fold_characters(PyObject *module, PyObject *args) {
    PyObject *text, *foldings;
    if (!PyArg_ParseTuple(args, "UO!", &text, &PyDict_Type, &foldings)) return NULL;
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    if (length > INT32_MAX / 2) {
        PyErr_SetString(PyExc_ValueError, "text too long for 32-bit positions");
        return NULL;
    }
    Folded f = {0};
    PyObject *missing = NULL, *result = NULL, *ends = NULL;
    int general = 0;
    int status = BY_KIND(PyUnicode_KIND(text), fold_all, data, length, foldings, &f, &missing,
                         &general);
    if (status < 0) goto done;
    if (general) {
        result = Py_NewRef(Py_None);
    } else if (missing) {
        result = Py_NewRef(missing);
    } else {
        ends = PyBytes_FromStringAndSize(NULL, f.size * 4);
        if (!ends) goto done;
        int32_t *end = (int32_t *)PyBytes_AS_STRING(ends);
        for (Py_ssize_t k = 0; k < f.size; k++) end[k] = f.starts[k] + 1;
        result = Py_BuildValue("(NNO)",
                               PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, f.chars, f.size),
                               PyBytes_FromStringAndSize((const char *)f.starts, f.size * 4),
                               ends);
    }
done:
    Py_XDECREF(missing);
    Py_XDECREF(ends);
    PyMem_Free(f.chars);
    PyMem_Free(f.starts);
    return result;
}

/* re's Unicode \w. */
static inline int is_word_char(Py_UCS4 c) {
    if (c < 128) return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || (c >= '0' && c <= '9') || c == '_';
    return Py_UNICODE_ISALNUM(c);
}

/* Append ``at`` to the list ``starts``; -1 (and ``starts`` released) on error. */
static int append_position(PyObject *starts, Py_ssize_t at) {
    PyObject *position = PyLong_FromSsize_t(at);
    if (!position || PyList_Append(starts, position) < 0) {
        Py_XDECREF(position);
        Py_DECREF(starts);
        return -1;
    }
    Py_DECREF(position);
    return 0;
}

/* A new empty list for the positions found in ``text``, or NULL if it is not a str. */
static PyObject *positions_in(PyObject *text) {
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "text must be str");
        return NULL;
    }
    return PyList_New(0);
}

/* Where normalise._LEET_TOKEN can match: the start of every maximal run of [\w@$]
 * that holds one of 0134579@$8 and a letter, has no "_" and does not start with "$"
 * (the pattern matches such whole runs only). */
static inline int is_run_char(Py_UCS4 c) { return is_word_char(c) || c == '@' || c == '$'; }

static inline int is_leet_char(Py_UCS4 c) {
    return (c >= '0' && c <= '9' && c != '2' && c != '6') || c == '@' || c == '$';
}

/* A run of [\w@$] being read: where it started (-1: none), and what it holds. */
typedef struct {
    Py_ssize_t start;
    int leet, letter, underscore;
} LeetRun;

/* Reads character ``c`` at ``i``; 1 where it closes a run (it is not a run character). */
static inline int leet_run_read(LeetRun *run, Py_UCS4 c, Py_ssize_t i) {
    if (!is_run_char(c)) return run->start >= 0;
    if (run->start < 0) {
        run->start = i;
        run->leet = run->letter = run->underscore = 0;
    }
    run->leet |= is_leet_char(c);
    run->letter |= is_letter(c);
    run->underscore |= c == '_';
    return 0;
}

/* Whether the run just closed is one the pattern can match; the run is then over. */
static inline int leet_run_listed(LeetRun *run, int kind, const void *data) {
    int listed = run->start >= 0 && run->leet && run->letter && !run->underscore
                 && PyUnicode_READ(kind, data, run->start) != '$';
    run->start = -1;
    return listed;
}

static PyObject *leet_run_starts(PyObject *module, PyObject *text) {
    PyObject *starts = positions_in(text);
    if (!starts) return NULL;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    LeetRun run = {-1, 0, 0, 0};
    for (Py_ssize_t i = 0; i <= length; i++) {  /* the text's end closes the last run */
        Py_UCS4 c = i < length ? PyUnicode_READ(kind, data, i) : ' ';
        Py_ssize_t start = run.start;
        if (leet_run_read(&run, c, i) && leet_run_listed(&run, kind, data)
            && append_position(starts, start) < 0)
            return NULL;
    }
    return starts;
}

/* Where normalise._SPACED can match: a word character not after [\w.*_-], then a
 * separator, a word character, the same separator and a word character. */
static inline int is_spacing(Py_UCS4 c) {
    return c == ' ' || c == '.' || c == '-' || c == '_' || c == '*' || c == 0xB7 || c == 0x2022;
}

/* Whether normalise._SPACED may match from ``i``. */
PER_KIND int spaced_start_at(int kind, const void *data, Py_ssize_t length, Py_ssize_t i) {
    if (i + 4 >= length) return 0;
    Py_UCS4 separator = PyUnicode_READ(kind, data, i + 1);
    if (!is_spacing(separator) || PyUnicode_READ(kind, data, i + 3) != separator
        || !is_word_char(PyUnicode_READ(kind, data, i))
        || !is_word_char(PyUnicode_READ(kind, data, i + 2))
        || !is_word_char(PyUnicode_READ(kind, data, i + 4)))
        return 0;
    if (i > 0) {
        Py_UCS4 before = PyUnicode_READ(kind, data, i - 1);
        if (is_word_char(before) || before == '.' || before == '*' || before == '-') return 0;
    }
    return 1;
}

static PyObject *spaced_run_starts(PyObject *module, PyObject *text) {
    PyObject *starts = positions_in(text);
    if (!starts) return NULL;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    for (Py_ssize_t i = 0; i + 4 < length; i++)
        if (spaced_start_at(kind, data, length, i) && append_position(starts, i) < 0)
            return NULL;
    return starts;
}

/* Whether normalise.unmask's leet() surely leaves the ASCII token text[start:end] as it
 * is, by its rules that need no word list: longer than 20 characters or opening with
 * "0x"; or opening with a digit and either under 4 characters with under 2 letters
 * ("24h"), or a number with a unit (normalise._NUMBER_WITH_UNIT: "3pm", "1st", "40k"). */
static inline int leet_keeps(int kind, const void *data, Py_ssize_t start, Py_ssize_t end) {
    Py_ssize_t length = end - start, letters = 0, digits = 0;
    for (Py_ssize_t i = start; i < end; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (c >= 128) return 0;  /* Unicode letters and digits: left to leet() itself */
        letters += ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
    }
    Py_UCS4 first = PyUnicode_READ(kind, data, start);
    int hex_start = first == '0' && length > 1 && PyUnicode_READ(kind, data, start + 1) == 'x';
    if (length > 20 || hex_start) return 1;
    if (first < '0' || first > '9') return 0;
    if (letters < 2 && length < 4) return 1;
    while (digits < length && PyUnicode_READ(kind, data, start + digits) >= '0'
           && PyUnicode_READ(kind, data, start + digits) <= '9')
        digits++;
    char unit[5] = {0};
    if (length - digits > 3) return 0;
    for (Py_ssize_t i = digits; i < length; i++)
        unit[i - digits] = (char)PyUnicode_READ(kind, data, start + i);
    static const char *const units[] = {"th", "am", "pm", "h", "hr", "hrs", "min", "k", "x"};
    for (size_t u = 0; u < sizeof units / sizeof *units; u++)
        if (strcmp(unit, units[u]) == 0) return 1;
    char last = (char)PyUnicode_READ(kind, data, start + digits - 1);  /* \d*(1st|2nd|3rd) */
    return (last == '1' && strcmp(unit, "st") == 0) || (last == '2' && strcmp(unit, "nd") == 0)
           || (last == '3' && strcmp(unit, "rd") == 0);
}

/* Whether the run just closed, ending before ``end``, is one leet_run_starts lists and
 * leet() may change; the run is then over. */
static inline int leet_run_ends(LeetRun *run, int kind, const void *data, Py_ssize_t end) {
    Py_ssize_t start = run->start;
    return leet_run_listed(run, kind, data) && !leet_keeps(kind, data, start, end);
}

/* Whether ``c`` is one of the characters of ``set`` (a short str). */
static inline int is_one_of(Py_UCS4 c, int kind, const void *data, Py_ssize_t length) {
    for (Py_ssize_t k = 0; k < length; k++)
        if (PyUnicode_READ(kind, data, k) == c) return 1;
    return 0;
}

/* Which of normalise.unmask's passes may change ``text``, in one reading of it: bit 0 an
 * "&" (entities), bit 1 one of the look-alike letters ``lookalikes``, bit 2 one of the
 * emoji that stand for words, ``emoji``, bit 3 where a letter-spaced run may start (as
 * spaced_run_starts), bit 4 a run that leet_run_starts lists (a leetspeak sign and a
 * letter in one word: most numbers, "$300" or "24", are none) and leet() may change
 * (leet_keeps: "24h" or "3pm" it keeps). */
PER_KIND long hints_in(int kind, const void *data, Py_ssize_t length, PyObject *lookalikes,
                       PyObject *emoji) {
    int look_kind = PyUnicode_KIND(lookalikes), emoji_kind = PyUnicode_KIND(emoji);
    const void *look_data = PyUnicode_DATA(lookalikes), *emoji_data = PyUnicode_DATA(emoji);
    Py_ssize_t look_length = PyUnicode_GET_LENGTH(lookalikes);
    Py_ssize_t emoji_length = PyUnicode_GET_LENGTH(emoji);
    long hints = 0;
    LeetRun run = {-1, 0, 0, 0};
    for (Py_ssize_t i = 0; i < length; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (leet_run_read(&run, c, i) && leet_run_ends(&run, kind, data, i)) hints |= 16;
        if (c < 128) {
            if (c == '&') hints |= 1;
        } else {
            if (!(hints & 4) && is_one_of(c, emoji_kind, emoji_data, emoji_length)) hints |= 4;
            if (!(hints & 2) && is_one_of(c, look_kind, look_data, look_length)) hints |= 2;
        }
        if (!(hints & 8) && spaced_start_at(kind, data, length, i)) hints |= 8;
    }
    if (run.start >= 0 && leet_run_ends(&run, kind, data, length)) hints |= 16;
    return hints;
}

static PyObject *disguise_hints(PyObject *module, PyObject *args) {
    PyObject *text, *lookalikes, *emoji;
    if (!PyArg_ParseTuple(args, "UUU", &text, &lookalikes, &emoji)) return NULL;
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    return PyLong_FromLong(BY_KIND(PyUnicode_KIND(text), hints_in, data, length, lookalikes,
                                   emoji));
}

/* One TF-IDF block's part of each message's decision from its entries (sorted by message
 * and then column), each message summed by message_sum; also the columns of each
 * message's ``top_k`` largest positive products (-1 pads). */
static PyObject *linear_block(PyObject *module, PyObject *args) {
    Py_buffer documents = {0}, columns = {0}, counts = {0}, idf = {0}, coef = {0}, tf = {0};
    Py_ssize_t messages;
    int top_k;
    if (!PyArg_ParseTuple(args, "y*y*y*y*y*y*ni", &documents, &columns, &counts, &idf, &coef,
                          &tf, &messages, &top_k))
        return NULL;
    PyObject *sums_bytes = NULL, *top_bytes = NULL, *result = NULL;
    double *products = NULL;
    Py_ssize_t entries = documents.len / (Py_ssize_t)sizeof(int64_t);
    Weights w;
    if (weights_of(&idf, &coef, &tf, &w) < 0) goto done;
    if (columns.len != documents.len || counts.len != documents.len || messages < 0
        || top_k < 0 || top_k > MAX_TOP) {
        PyErr_SetString(PyExc_ValueError, "inconsistent block arrays");
        goto done;
    }
    const int64_t *owner = documents.buf, *column = columns.buf, *seen = counts.buf;
    sums_bytes = PyBytes_FromStringAndSize(NULL, messages * (Py_ssize_t)sizeof(double));
    top_bytes = PyBytes_FromStringAndSize(NULL, messages * top_k * (Py_ssize_t)sizeof(int64_t));
    products = PyMem_Malloc((entries ? entries : 1) * sizeof(double));
    if (!sums_bytes || !top_bytes || !products) {
        if (!products) PyErr_NoMemory();
        goto done;
    }
    double *sums = (double *)PyBytes_AS_STRING(sums_bytes);
    int64_t *top = (int64_t *)PyBytes_AS_STRING(top_bytes);
    for (Py_ssize_t m = 0; m < messages; m++) sums[m] = 0.0;
    for (Py_ssize_t k = 0; k < messages * top_k; k++) top[k] = -1;
    Py_ssize_t previous = -1;
    for (Py_ssize_t first = 0; first < entries;) {
        Py_ssize_t message = owner[first], last = first;
        if (message <= previous || message >= messages) goto bad;
        previous = message;
        for (; last < entries && owner[last] == message; last++)
            if (column[last] < 0 || column[last] >= w.width || seen[last] < 1) goto bad;
        sums[message] = message_sum(&w, column + first, seen + first, last - first,
                                    products + first, top_k, top + message * top_k);
        first = last;
    }
    result = Py_BuildValue("(OO)", sums_bytes, top_bytes);
    goto done;
bad:
    PyErr_SetString(PyExc_ValueError, "block entries out of range or out of order");
done:
    Py_XDECREF(sums_bytes);
    Py_XDECREF(top_bytes);
    PyMem_Free(products);
    PyBuffer_Release(&documents);
    PyBuffer_Release(&columns);
    PyBuffer_Release(&counts);
    release_weights(&idf, &coef, &tf);
    return result;
}

/* A text as one byte a character for an RE2 twin (re2_twin.py): ASCII as it is, a
 * character of the pattern's alphabet as its byte in ``table`` (65,536 bytes, 0 where it
 * has none), any other letter or digit as ``word``, anything else as ``other``. None
 * where RE2 could read the copy otherwise than re reads the text: a capital or a control
 * character (the alphabet's own bytes), a non-ASCII digit or white space (re's \d, \s). */
PER_KIND int one_byte_copy(int kind, const void *data, Py_ssize_t length,
                           const unsigned char *codes, int word, int other, char *out) {
    for (Py_ssize_t i = 0; i < length; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (c < 128) {
            if ((c >= 'A' && c <= 'Z') || c < 0x20 || c == 0x7f) return -1;
            out[i] = (char)c;
        } else if (c < 65536 && codes[c]) {
            out[i] = (char)codes[c];
        } else if (Py_UNICODE_ISSPACE(c) || Py_UNICODE_ISDECIMAL(c)) {
            return -1;
        } else {
            out[i] = (char)(Py_UNICODE_ISALNUM(c) ? word : other);
        }
    }
    return 0;
}

static PyObject *one_byte_text(PyObject *module, PyObject *args) {
    PyObject *text;
    Py_buffer table = {0};
    int word, other;
    if (!PyArg_ParseTuple(args, "Uy*ii", &text, &table, &word, &other)) return NULL;
    PyObject *result = NULL;
    if (table.len != 65536 || word < 1 || word > 127 || other < 1 || other > 127) {
        PyErr_SetString(PyExc_ValueError, "a twin's table has 65,536 bytes, its codes are ASCII");
        goto done;
    }
    Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    result = PyBytes_FromStringAndSize(NULL, length);
    if (!result) goto done;
    if (BY_KIND(PyUnicode_KIND(text), one_byte_copy, PyUnicode_DATA(text), length, table.buf,
                word, other, PyBytes_AS_STRING(result)) < 0)
        Py_SETREF(result, Py_NewRef(Py_None));
done:
    PyBuffer_Release(&table);
    return result;
}

/* Where a long signal pattern may start a match (match_starts.py): each position in
 * [pos, endpos) that starts a word (a word character with none before it) and from
 * which one of the pattern's literal prefixes follows, ending by endpos. ``prefixes``
 * holds each prefix with the value 1 and every shorter start of one with no value, so
 * that reading stops at the first character no prefix goes on with.
 *
 * ``openings`` (OPENINGS_SIZE bytes, optional) says which two first letters a prefix can
 * have: bit (first - 'a') * 32 + column, the column the second letter's place in a-z, or
 * OTHER_SECOND for any other second character or none (match_starts.openings). A word
 * start it rules out is not looked up: the table is read far from the caches, between
 * the n-gram counting's reads, and most word starts begin no prefix. A word that opens
 * with anything but a-z is looked up as before. */
#define MAX_PREFIX 16
#define OPENINGS_SIZE 128
#define OTHER_SECOND 31

static inline int may_open(const unsigned char *openings, Py_UCS4 first, Py_UCS4 second) {
    if (!openings || first < 'a' || first > 'z') return 1;
    int column = second >= 'a' && second <= 'z' ? (int)(second - 'a') : OTHER_SECOND;
    int bit = (int)(first - 'a') * 32 + column;
    return openings[bit >> 3] >> (bit & 7) & 1;
}

PER_KIND int prefix_starts_in(int kind, const void *data, const WordTable *table,
                              Py_ssize_t longest, Py_ssize_t pos, Py_ssize_t endpos,
                              const unsigned char *openings, PyObject *starts) {
    Py_UCS4 window[MAX_PREFIX];
    int previous_word = pos > 0 && is_word_char(PyUnicode_READ(kind, data, pos - 1));
    for (Py_ssize_t i = pos; i < endpos; i++) {
        int word = is_word_char(PyUnicode_READ(kind, data, i));
        int starts_word = word && !previous_word;
        previous_word = word;
        if (!starts_word) continue;
        Py_ssize_t room = endpos - i < longest ? endpos - i : longest;
        if (!may_open(openings, PyUnicode_READ(kind, data, i),
                      room > 1 ? PyUnicode_READ(kind, data, i + 1) : 0))
            continue;
        for (Py_ssize_t n = 1; n <= room; n++) {
            window[n - 1] = PyUnicode_READ(kind, data, i + n - 1);
            const WordEntry *entry = word_table_find(table, window, n, word_hash(window, n));
            if (!entry) break;           /* no prefix goes on like this */
            if (entry->count) {          /* a whole prefix */
                if (append_position(starts, i) < 0) return -1;
                break;
            }
        }
    }
    return 0;
}

static PyObject *prefix_starts(PyObject *module, PyObject *args) {
    PyObject *text, *prefixes, *result = NULL;
    Py_ssize_t longest, pos, endpos;
    Py_buffer openings = {0};
    if (!PyArg_ParseTuple(args, "UO!nnn|y*", &text, &WordTableType, &prefixes, &longest, &pos,
                          &endpos, &openings))
        return NULL;
    if (longest < 1 || longest > MAX_PREFIX) {
        PyErr_SetString(PyExc_ValueError, "longest must be 1..16");
        goto done;
    }
    if (openings.buf && openings.len != OPENINGS_SIZE) {
        PyErr_SetString(PyExc_ValueError, "openings must be 128 bytes");
        goto done;
    }
    PyObject *starts = PyList_New(0);
    if (!starts) goto done;
    Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    if (endpos > length) endpos = length;
    if (pos < 0) pos = 0;
    if (pos > length) pos = length;  /* the character before pos is read below */
    if (BY_KIND(PyUnicode_KIND(text), prefix_starts_in, PyUnicode_DATA(text),
                (const WordTable *)prefixes, longest, pos, endpos,
                (const unsigned char *)openings.buf, starts) < 0)
        goto done;  /* prefix_starts_in released ``starts`` */
    result = starts;
done:
    if (openings.buf) PyBuffer_Release(&openings);
    return result;
}

#include "_wallet_hints.h"
#include "_wallet_find.h"
#include "_span_merge.h"

static PyMethodDef methods[] = {
    {"count_char_grams", count_char_grams, METH_VARARGS,
     "count_char_grams(texts, low, high, bits, slots, shift, hot_slots, hot_shift, width,\n"
     "                 wide, seen[, idf, coef, tf]) -> (documents, columns, counts) as\n"
     "bytearrays of int64, or with the block's weights each message's share (bytes of\n"
     "float64)."},
    {"count_word_grams", count_word_grams, METH_VARARGS,
     "count_word_grams(texts, longest, unigrams, slots, shift, width[, idf, coef, tf,\n"
     "                 priced_slots[, top_k]]) -> (documents, columns, counts) as\n"
     "bytearrays of int64, or with the block's weights each message's share (bytes of\n"
     "float64), summed from the priced copy of the n-gram table where it is given; with\n"
     "top_k as well, (shares, top columns as bytes of int64, -1 padded), as linear_block's."},
    {"linear_block", linear_block, METH_VARARGS,
     "linear_block(documents, columns, counts, idf, coef, tf, messages, top_k)\n"
     "-> (sums as bytes of float64, top columns as bytes of int64, -1 padded)."},
    {"fold_characters", fold_characters, METH_VARARGS,
     "fold_characters(text, foldings) -> (text, starts, ends), None, or the characters "
     "foldings lacks: normalise's per-character folding and white space in one loop."},
    {"leet_run_starts", leet_run_starts, METH_O,
     "leet_run_starts(text) -> starts of the runs of [\\w@$] that hold a leetspeak sign."},
    {"spaced_run_starts", spaced_run_starts, METH_O,
     "spaced_run_starts(text) -> where a letter-spaced run (\"v i d e o\") may start."},
    {"disguise_hints", disguise_hints, METH_VARARGS,
     "disguise_hints(text, lookalikes, emoji) -> which of normalise.unmask's\n"
     "passes may change text (bits 0-4: entities, look-alikes, emoji, spacing, leetspeak)."},
    {"one_byte_text", one_byte_text, METH_VARARGS,
     "one_byte_text(text, table, word, other) -> the text as one byte a character for an\n"
     "RE2 twin, or None where RE2 could read it otherwise than re."},
    {"prefix_starts", prefix_starts, METH_VARARGS,
     "prefix_starts(text, prefixes, longest, pos, endpos[, openings]) -> the word starts\n"
     "in text[pos:endpos] from which one of the prefixes (a WordTable) follows."},
    {"find_wallet_matches", find_wallet_matches, METH_VARARGS,
     "find_wallet_matches(text, whole, split) -> (wholes, splits): wallets.find_wallets'\n"
     "matches as (coin, start, end, verdict, pieces), verdict -1 none, 0 not valid, 1 valid."},
    {"wallet_sha256", wallet_sha256, METH_VARARGS, "wallet_sha256(data) -> SHA-256 digest."},
    {"merged_signal_spans", merged_signal_spans, METH_VARARGS,
     "merged_signal_spans(hits, names, details, ranks, starts, ends, first, first_rank)\n"
     "-> each message's merged signal spans: signal_batch.signal_spans_many's last steps."},
    {"wallet_hints", wallet_hints, METH_O,
     "wallet_hints(texts) -> one byte a text: bit 0 where it may hold a whole wallet\n"
     "address (wallets.WHOLE_HINT), bit 1 a split one (wallets.SPLIT_HINT)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_grams", "Character and word n-gram counting in C (optional).", -1, methods,
    NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__grams(void) {
    if (PyType_Ready(&WordTableType) < 0) return NULL;
    PyObject *created = PyModule_Create(&module);
    if (!created) return NULL;
    Py_INCREF(&WordTableType);
    if (PyModule_AddObject(created, "WordTable", (PyObject *)&WordTableType) < 0) {
        Py_DECREF(&WordTableType);
        Py_DECREF(created);
        return NULL;
    }
    return created;
}
