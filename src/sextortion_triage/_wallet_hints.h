/* Which messages may hold a wallet address (wallets.WHOLE_HINT and wallets.SPLIT_HINT),
 * read in C: the same answer as searching each hint, without a Hyperscan or RE2 pass.
 *
 * A whole address is one of the shapes exactly, and each shape's look-arounds make it a
 * whole run: a Base58 shape is a maximal run of Base58 characters (Monero's second
 * character may be a "0", which Base58 lacks), a Bech32 or Ethereum shape a maximal run
 * of ASCII letters and digits. A split address needs its start (after no ASCII letter or
 * digit) followed by as many more of its characters as its shortest address has,
 * separators allowed between them. An "&" (an HTML entity may hide either) sets both.
 * Included by _grams.c; tests/test_signals.py compares it with the hints' patterns. */

enum { WHOLE_WALLET = 1, SPLIT_WALLET = 2 };

static inline int is_ascii_alnum(Py_UCS4 c) {
    return c < 128 && ((c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'));
}

/* wallets._B58_CHARS: 1-9 A-H J-N P-Z a-k m-z */
static inline int is_base58(Py_UCS4 c) {
    return is_ascii_alnum(c) && c != '0' && c != 'I' && c != 'O' && c != 'l';
}

static inline int is_hex(Py_UCS4 c) {
    return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
}

/* wallets._SPACE: white space and the invisible characters senders slip in. */
static inline int is_wallet_space(Py_UCS4 c) {
    switch (c) {
    case ' ': case '\t': case 0xA0: case 0x2009: case 0x202F: case 0x200B: case 0x200C:
    case 0x200D: case 0x2060: case 0xFEFF: case 0xAD:
        return 1;
    default:
        return 0;
    }
}

/* A line break, "-", ".", a dash or "·": what wallets._SEPARATOR allows once. */
static inline int is_wallet_mark(Py_UCS4 c) {
    return c == '\r' || c == '\n' || c == '-' || c == '.' || c == 0xB7
           || (c >= 0x2010 && c <= 0x2015);
}

/* wallets._ANY_SEPARATORS' characters. */
static inline int is_wallet_separator(Py_UCS4 c) { return is_wallet_space(c) || is_wallet_mark(c); }

/* Coins, as wallets.COINS numbers them; NO_COIN where a run is no shape. */
enum { BITCOIN, LITECOIN, TRON, MONERO, ETHEREUM, NO_COIN = -1 };

/* The coin whose shape the maximal Base58 run [start, end) is: Bitcoin, Litecoin, Tron or
 * Monero (Monero's with a Base58 second character; see monero_after_zero). */
PER_KIND int base58_shape(int kind, const void *data, Py_ssize_t start, Py_ssize_t end) {
    Py_ssize_t length = end - start;
    Py_UCS4 first = PyUnicode_READ(kind, data, start);
    if (first == '1' || first == '3') return length >= 26 && length <= 35 ? BITCOIN : NO_COIN;
    if (first == 'L' || first == 'M') return length >= 27 && length <= 34 ? LITECOIN : NO_COIN;
    if (first == 'T') return length == 34 ? TRON : NO_COIN;
    if (first == '4' || first == '8') {
        Py_UCS4 second = length > 1 ? PyUnicode_READ(kind, data, start + 1) : 0;
        return length == 95 && ((second >= '1' && second <= '9') || second == 'A' || second == 'B')
               ? MONERO : NO_COIN;
    }
    return NO_COIN;
}

/* Monero's shape where its second character is "0": a lone "4" or "8" run at ``at``,
 * the "0", then a Base58 run of exactly 93. */
PER_KIND int monero_after_zero(int kind, const void *data, Py_ssize_t length, Py_ssize_t at) {
    Py_UCS4 first = PyUnicode_READ(kind, data, at);
    if ((first != '4' && first != '8') || at + 95 > length
        || PyUnicode_READ(kind, data, at + 1) != '0')
        return 0;
    for (Py_ssize_t i = at + 2; i < at + 95; i++)
        if (!is_base58(PyUnicode_READ(kind, data, i))) return 0;
    return at + 95 == length || !is_base58(PyUnicode_READ(kind, data, at + 95));
}

/* How long a Bech32 prefix (bc1, BC1: 3; ltc1, LTC1: 4) opens the text at ``at``, or 0. */
PER_KIND int bech32_prefix(int kind, const void *data, Py_ssize_t length, Py_ssize_t at) {
    Py_UCS4 c[4] = {0, 0, 0, 0};
    for (int k = 0; k < 4 && at + k < length; k++) c[k] = PyUnicode_READ(kind, data, at + k);
    if (((c[0] == 'b' && c[1] == 'c') || (c[0] == 'B' && c[1] == 'C')) && c[2] == '1') return 3;
    if (((c[0] == 'l' && c[1] == 't' && c[2] == 'c') || (c[0] == 'L' && c[1] == 'T' && c[2] == 'C'))
        && c[3] == '1')
        return 4;
    return 0;
}

/* The coin whose shape the maximal run [start, end) of ASCII letters and digits is: a
 * Bech32 address (Bitcoin or Litecoin) or an Ethereum one. */
PER_KIND int alnum_shape(int kind, const void *data, Py_ssize_t start, Py_ssize_t end) {
    Py_ssize_t length = end - start;
    int prefix = bech32_prefix(kind, data, end, start);
    if (prefix) return length - prefix >= 11 && length - prefix <= 71
                      ? (prefix == 4 ? LITECOIN : BITCOIN) : NO_COIN;
    if (length == 42 && PyUnicode_READ(kind, data, start) == '0'
        && PyUnicode_READ(kind, data, start + 1) == 'x') {
        for (Py_ssize_t i = start + 2; i < end; i++)
            if (!is_hex(PyUnicode_READ(kind, data, i))) return NO_COIN;
        return ETHEREUM;
    }
    return NO_COIN;
}

/* Whether ``needed`` characters of which ``belongs`` holds follow ``at``, each after
 * any number of separators. */
PER_KIND int followed_by(int kind, const void *data, Py_ssize_t length, Py_ssize_t at,
                         int (*belongs)(Py_UCS4), int needed) {
    for (int found = 0; found < needed; found++) {
        while (at < length && is_wallet_separator(PyUnicode_READ(kind, data, at))) at++;
        if (at >= length || !belongs(PyUnicode_READ(kind, data, at++))) return 0;
    }
    return 1;
}

/* Whether a split address may start at ``at`` (after no letter or digit): one of the
 * starts of wallets.SPLIT_HINT, then the rest of its shortest address. */
PER_KIND int split_start_at(int kind, const void *data, Py_ssize_t length, Py_ssize_t at) {
    Py_UCS4 c[4] = {0, 0, 0, 0};
    for (int k = 0; k < 4 && at + k < length; k++) c[k] = PyUnicode_READ(kind, data, at + k);
    if ((c[0] == '1' || c[0] == '3') && followed_by(kind, data, length, at + 1, is_base58, 25))
        return 1;
    if (c[0] == 'T' && followed_by(kind, data, length, at + 1, is_base58, 33)) return 1;
    if ((c[0] == 'L' || c[0] == 'M') && followed_by(kind, data, length, at + 1, is_base58, 26))
        return 1;
    if ((c[0] == '4' || c[0] == '8') && ((c[1] >= '0' && c[1] <= '9') || c[1] == 'A' || c[1] == 'B')
        && followed_by(kind, data, length, at + 2, is_base58, 93))
        return 1;
    int prefix = bech32_prefix(kind, data, length, at);
    if (prefix && followed_by(kind, data, length, at + prefix, is_ascii_alnum, 11)) return 1;
    return c[0] == '0' && c[1] == 'x' && followed_by(kind, data, length, at + 2, is_hex, 40);
}

/* Whether the maximal run [start, end) of ASCII letters and digits holds a whole
 * address: is one of the letters-and-digits shapes, or holds a maximal Base58 run that
 * is one of the Base58 shapes (every shape is 14 characters or more). */
PER_KIND int whole_in_run(int kind, const void *data, Py_ssize_t length, Py_ssize_t start,
                          Py_ssize_t end) {
    if (end - start < 14) return 0;
    if (alnum_shape(kind, data, start, end) != NO_COIN) return 1;
    Py_ssize_t base58_start = -1;
    for (Py_ssize_t i = start; i <= end; i++) {
        int base58 = i < end && is_base58(PyUnicode_READ(kind, data, i));
        if (base58 && base58_start < 0) {
            base58_start = i;
        } else if (!base58 && base58_start >= 0) {
            if (base58_shape(kind, data, base58_start, i) != NO_COIN
                || (i - base58_start == 1 && monero_after_zero(kind, data, length, base58_start)))
                return 1;
            base58_start = -1;
        }
    }
    return 0;
}

/* WHOLE_WALLET and SPLIT_WALLET as the text may hold them: each maximal run of ASCII
 * letters and digits is looked at closely only where it is long enough for a whole
 * address or opens with a split address's first character. */
PER_KIND int wallet_hints_in(int kind, const void *data, Py_ssize_t length) {
    int hints = 0;
    Py_ssize_t run_start = -1;
    for (Py_ssize_t i = 0; i <= length; i++) {
        Py_UCS4 c = i < length ? PyUnicode_READ(kind, data, i) : ' ';
        if (c == '&' || hints == (WHOLE_WALLET | SPLIT_WALLET))
            return WHOLE_WALLET | SPLIT_WALLET;  /* nothing more to find */
        if (is_ascii_alnum(c)) {
            if (run_start < 0) {
                run_start = i;
                if (!(hints & SPLIT_WALLET) && split_start_at(kind, data, length, i))
                    hints |= SPLIT_WALLET;
            }
        } else if (run_start >= 0) {
            if (!(hints & WHOLE_WALLET) && whole_in_run(kind, data, length, run_start, i))
                hints |= WHOLE_WALLET;
            run_start = -1;
        }
    }
    return hints;
}

/* wallet_hints(texts) -> one byte a text: WHOLE_WALLET | SPLIT_WALLET as it may hold. */
static PyObject *wallet_hints(PyObject *module, PyObject *texts) {
    if (!PyList_Check(texts)) {
        PyErr_SetString(PyExc_TypeError, "texts must be a list of str");
        return NULL;
    }
    Py_ssize_t count = PyList_GET_SIZE(texts);
    PyObject *result = PyBytes_FromStringAndSize(NULL, count);
    if (!result) return NULL;
    char *out = PyBytes_AS_STRING(result);
    for (Py_ssize_t k = 0; k < count; k++) {
        PyObject *text = PyList_GET_ITEM(texts, k);
        if (!PyUnicode_Check(text)) {
            Py_DECREF(result);
            PyErr_Format(PyExc_TypeError, "text %zd is not a str", k);
            return NULL;
        }
        out[k] = (char)BY_KIND(PyUnicode_KIND(text), wallet_hints_in, PyUnicode_DATA(text),
                               PyUnicode_GET_LENGTH(text));
    }
    return result;
}
