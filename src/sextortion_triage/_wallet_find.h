/* wallets.find_wallets' whole and split addresses, found in C: the same matches in the
 * same order, with the same checksum verdicts.
 *
 * In Python each message the hints let through was read by eight patterns and, for a
 * split address, by a loop that joined pieces and tried the shapes on each join: 16 to
 * 70 us a message, and a batch's wallets about 9 us a message in all. The patterns'
 * look-arounds make every match a whole run of characters, so here each shape is the
 * run it must be (see _wallet_hints.h), and the split loop is wallets._split_wallets
 * step by step. Base58Check needs SHA-256 (below, FIPS 180-4); Bech32 its polymod.
 * Included by _grams.c after _wallet_hints.h; tests/test_wallet_find.py compares it
 * with the Python on generated and corpus texts. */

/* ------------------------------------------------------------------ SHA-256 */

static const uint32_t SHA256_K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
    0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
    0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
    0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
    0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
    0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
    0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
    0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
    0xc67178f2};

static inline uint32_t rotate_right(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

static void sha256_block(uint32_t state[8], const unsigned char block[64]) {
    uint32_t w[64];
    for (int i = 0; i < 16; i++)
        w[i] = (uint32_t)block[4 * i] << 24 | (uint32_t)block[4 * i + 1] << 16
               | (uint32_t)block[4 * i + 2] << 8 | (uint32_t)block[4 * i + 3];
    for (int i = 16; i < 64; i++) {
        uint32_t s0 = rotate_right(w[i - 15], 7) ^ rotate_right(w[i - 15], 18) ^ (w[i - 15] >> 3);
        uint32_t s1 = rotate_right(w[i - 2], 17) ^ rotate_right(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
    uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
    for (int i = 0; i < 64; i++) {
        uint32_t t1 = h + (rotate_right(e, 6) ^ rotate_right(e, 11) ^ rotate_right(e, 25))
                      + ((e & f) ^ (~e & g)) + SHA256_K[i] + w[i];
        uint32_t t2 = (rotate_right(a, 2) ^ rotate_right(a, 13) ^ rotate_right(a, 22))
                      + ((a & b) ^ (a & c) ^ (b & c));
        h = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
    }
    state[0] += a; state[1] += b; state[2] += c; state[3] += d;
    state[4] += e; state[5] += f; state[6] += g; state[7] += h;
}

/* SHA-256 of ``length`` bytes (any length) into ``digest``. */
static void sha256(const unsigned char *data, size_t length, unsigned char digest[32]) {
    uint32_t state[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                         0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    unsigned char block[64];
    size_t done = 0;
    for (; length - done >= 64; done += 64) sha256_block(state, data + done);
    size_t left = length - done;
    memcpy(block, data + done, left);
    block[left++] = 0x80;
    if (left > 56) {
        memset(block + left, 0, 64 - left);
        sha256_block(state, block);
        left = 0;
    }
    memset(block + left, 0, 56 - left);
    uint64_t bits = (uint64_t)length * 8;
    for (int i = 0; i < 8; i++) block[63 - i] = (unsigned char)(bits >> (8 * i));
    sha256_block(state, block);
    for (int i = 0; i < 8; i++)
        for (int k = 0; k < 4; k++) digest[4 * i + k] = (unsigned char)(state[i] >> (24 - 8 * k));
}

/* sha256(data) -> 32 bytes: for tests/test_wallet_find.py, which compares it with hashlib. */
static PyObject *wallet_sha256(PyObject *module, PyObject *args) {
    Py_buffer data;
    if (!PyArg_ParseTuple(args, "y*", &data)) return NULL;
    unsigned char digest[32];
    sha256(data.buf, (size_t)data.len, digest);
    PyBuffer_Release(&data);
    return PyBytes_FromStringAndSize((const char *)digest, 32);
}

/* ------------------------------------------------------------------ checksums */

/* A text's characters [start, end), all ASCII (every caller's are letters and digits). */
typedef struct {
    int kind;
    const void *data;
} Text;

static inline Py_UCS4 char_at(Text t, Py_ssize_t i) { return PyUnicode_READ(t.kind, t.data, i); }

/* A join of pieces: at most the longest address (95) read, as ASCII. */
#define LONGEST_JOIN 128

static int base58_digit(Py_UCS4 c) {
    static const char digits[] = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    const char *at = c < 128 && c ? strchr(digits, (int)c) : NULL;
    return at ? (int)(at - digits) : -1;
}

/* wallets._base58check_version: the version byte of a valid Base58Check string, or -1. */
static int base58check_version(const char *address, Py_ssize_t length) {
    unsigned char raw[LONGEST_JOIN];  /* the number, big-endian, in raw[LONGEST_JOIN - used:] */
    Py_ssize_t used = 0, zeros = 0;
    while (zeros < length && address[zeros] == '1') zeros++;
    for (Py_ssize_t i = 0; i < length; i++) {
        int carry = base58_digit((Py_UCS4)(unsigned char)address[i]);
        if (carry < 0) return -1;
        for (Py_ssize_t k = 0; k < used; k++) {
            carry += 58 * raw[LONGEST_JOIN - 1 - k];
            raw[LONGEST_JOIN - 1 - k] = (unsigned char)(carry & 0xFF);
            carry >>= 8;
        }
        while (carry) {
            if (used >= LONGEST_JOIN) return -1;
            raw[LONGEST_JOIN - 1 - used++] = (unsigned char)(carry & 0xFF);
            carry >>= 8;
        }
    }
    /* raw bytes: the leading "1"s as zero bytes, then the number's own bytes */
    Py_ssize_t total = zeros + used;
    if (total < 5 || total > LONGEST_JOIN) return -1;
    unsigned char bytes[LONGEST_JOIN];
    memset(bytes, 0, (size_t)zeros);
    memcpy(bytes + zeros, raw + LONGEST_JOIN - used, (size_t)used);
    unsigned char once[32], twice[32];
    sha256(bytes, (size_t)(total - 4), once);
    sha256(once, 32, twice);
    if (memcmp(twice, bytes + total - 4, 4) != 0) return -1;
    return bytes[0];
}

static const char BECH32_CHARS[] = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

/* ``c`` lower-cased where it is an ASCII capital. */
static inline char ascii_lower(char c) { return (char)(c >= 'A' && c <= 'Z' ? c + 32 : c); }

/* The first four characters of ``s`` (``n`` long) lower-cased, NUL after its end: enough
 * to tell the openings of the addresses a split join can be apart. */
static void lowered_head(const char *s, Py_ssize_t n, char head[4]) {
    for (int k = 0; k < 4; k++) head[k] = k < n ? ascii_lower(s[k]) : 0;
}

/* How many characters come before the "1" of a Bech32 opening ("bc1", "ltc1") at the
 * start of a lowered head, or -1. Unlike _wallet_hints.h's bech32_prefix, which follows
 * the shapes (one case throughout), this takes any mix of cases, as wallets._unambiguous
 * lower-cases the join. */
static int bech32_opening(const char head[4]) {
    if (memcmp(head, "bc1", 3) == 0) return 2;
    if (memcmp(head, "ltc1", 4) == 0) return 3;
    return -1;
}

/* wallets._bech32_valid. */
static int bech32_valid(const char *address, Py_ssize_t length) {
    int lower = 0, upper = 0;
    char folded[LONGEST_JOIN];
    if (length > LONGEST_JOIN) return 0;
    for (Py_ssize_t i = 0; i < length; i++) {
        char c = address[i];
        if (c >= 'a' && c <= 'z') lower = 1;
        if (c >= 'A' && c <= 'Z') upper = 1;
        folded[i] = ascii_lower(c);
    }
    if (lower && upper) return 0;
    Py_ssize_t separator = -1;
    for (Py_ssize_t i = 0; i < length; i++)
        if (folded[i] == '1') separator = i;
    if (separator < 1 || length - separator - 1 < 6) return 0;
    uint32_t check = 1;
    Py_ssize_t values = 2 * separator + 1 + (length - separator - 1);
    for (Py_ssize_t v = 0; v < values; v++) {
        uint32_t value;
        if (v < separator) value = (unsigned char)folded[v] >> 5;
        else if (v == separator) value = 0;
        else if (v < 2 * separator + 1) value = (unsigned char)folded[v - separator - 1] & 31;
        else {
            const char *at = strchr(BECH32_CHARS, folded[v - separator]);
            if (!at || !*at) return 0;
            value = (uint32_t)(at - BECH32_CHARS);
        }
        uint32_t top = check >> 25;
        check = (check & 0x1FFFFFF) << 5 ^ value;
        static const uint32_t generators[5] = {0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD,
                                               0x2A1462B3};
        for (int i = 0; i < 5; i++)
            if (top >> i & 1) check ^= generators[i];
    }
    return check == 1 || check == 0x2BC830A3;
}

/* ------------------------------------------------------------------ shapes */

/* Checksum verdicts: none checked (Monero, Ethereum), not valid, valid. */
enum { NO_CHECK = -1, NOT_VALID = 0, VALID = 1 };

typedef struct {
    int coin, valid;
    Py_ssize_t start, end, pieces;
    int rank;  /* whole_wallets' order of shapes (whole_rank); 0 for a split address */
} Wallet;

/* The Base58Check version bytes that are valid for Bitcoin, Litecoin and Tron
 * (wallets._SHAPES); Monero's shape has no checksum checked. */
static const int BASE58_VERSIONS[3][2] = {{0x00, 0x05}, {0x30, 0x32}, {0x41, 0x41}};

/* The verdict on ``address`` (one of ``coin``'s shape): NO_CHECK, NOT_VALID or VALID. */
static int base58_verdict(int coin, const char *address, Py_ssize_t length) {
    if (coin == MONERO) return NO_CHECK;
    int version = base58check_version(address, length);
    return version >= 0
           && (version == BASE58_VERSIONS[coin][0] || version == BASE58_VERSIONS[coin][1]);
}

/* Length of the run of characters ``belongs`` holds from ``at`` (up to ``length``). */
static Py_ssize_t run_from(Text t, Py_ssize_t at, Py_ssize_t length, int (*belongs)(Py_UCS4)) {
    Py_ssize_t end = at;
    while (end < length && belongs(char_at(t, end))) end++;
    return end - at;
}

static int copy_ascii(Text t, Py_ssize_t start, Py_ssize_t end, char *out) {
    if (end - start > LONGEST_JOIN) {  /* no caller's run is this long */
        PyErr_SetString(PyExc_SystemError, "a wallet run is longer than any address");
        return -1;
    }
    for (Py_ssize_t i = start; i < end; i++) out[i - start] = (char)char_at(t, i);
    return 0;
}

/* A growing array of wallets. */
typedef struct {
    Wallet *items;
    Py_ssize_t size, capacity;
} Wallets;

static int wallets_push(Wallets *w, Wallet wallet) {
    if (w->size == w->capacity) {
        Py_ssize_t capacity = w->capacity ? 2 * w->capacity : 8;
        Wallet *grown = PyMem_Realloc(w->items, (size_t)capacity * sizeof(Wallet));
        if (!grown) { PyErr_NoMemory(); return -1; }
        w->items = grown;
        w->capacity = capacity;
    }
    w->items[w->size++] = wallet;
    return 0;
}

static int is_lower_char(Py_UCS4 c) { return c >= 'a' && c <= 'z'; }

/* Where the maximal run of characters ``belongs`` holds, starting at ``at``, ends. */
static Py_ssize_t run_end(Text t, Py_ssize_t at, Py_ssize_t length, int (*belongs)(Py_UCS4)) {
    return at + run_from(t, at, length, belongs);
}

/* Where wallets._whole_wallets lists a match of each coin's shape: the Base58 shapes
 * (Bitcoin, Litecoin, Tron, Monero) first, then Bech32, then Ethereum. */
static int whole_rank(int coin, int base58) { return base58 ? coin : coin == ETHEREUM ? 5 : 4; }

/* wallets._whole_wallets: each shape's matches in turn (Bitcoin, Litecoin, Tron, Monero,
 * Bech32, Ethereum), each shape's in order of position. Every shape's look-arounds make
 * a match a whole run (_wallet_hints.h): each maximal Base58 run and each maximal run of
 * letters and digits is read once, and the matches put in the shapes' order. */
static int whole_wallets(Text t, Py_ssize_t length, Wallets *out) {
    Wallets found = {NULL, 0, 0};
    char address[LONGEST_JOIN];
    for (int base58 = 1; base58 >= 0; base58--) {
        int (*belongs)(Py_UCS4) = base58 ? is_base58 : is_ascii_alnum;
        for (Py_ssize_t i = 0; i < length; i++) {
            if (!belongs(char_at(t, i))) continue;
            Py_ssize_t end = run_end(t, i, length, belongs);
            int coin = base58 ? base58_shape(t.kind, t.data, i, end)
                              : alnum_shape(t.kind, t.data, i, end);
            Py_ssize_t match_end = end;
            if (coin == NO_COIN && base58 && end - i == 1
                && monero_after_zero(t.kind, t.data, length, i)) {
                coin = MONERO;
                match_end = i + 95;
            }
            if (coin != NO_COIN) {
                int valid = NO_CHECK;
                if (coin != MONERO && coin != ETHEREUM) {
                    if (copy_ascii(t, i, match_end, address) < 0) goto failed;
                    valid = base58 ? base58_verdict(coin, address, match_end - i)
                                   : bech32_valid(address, match_end - i);
                }
                Wallet w = {coin, valid, i, match_end, 1, whole_rank(coin, base58)};
                if (wallets_push(&found, w) < 0) goto failed;
            }
            i = end - 1;
        }
    }
    /* in the shapes' order, each shape's in order of position (a stable sort by rank) */
    for (int rank = 0; rank < 6; rank++)
        for (Py_ssize_t k = 0; k < found.size; k++)
            if (found.items[k].rank == rank && wallets_push(out, found.items[k]) < 0)
                goto failed;
    PyMem_Free(found.items);
    return 0;
failed:
    PyMem_Free(found.items);
    return -1;
}

/* ------------------------------------------------------------------ split addresses */

/* Where wallets._SEPARATOR, matched at ``at``, ends when an ASCII letter or digit follows
 * it (the look-ahead of _SPLIT_START, the start of _NEXT_PIECE's piece), else -1:
 * spaces, a line break or a dash or dot, spaces; or spaces alone. */
static Py_ssize_t separator_end(Text t, Py_ssize_t at, Py_ssize_t length) {
    Py_ssize_t i = at + run_from(t, at, length, is_wallet_space);
    Py_ssize_t after_spaces = i;
    if (i < length) {
        Py_UCS4 c = char_at(t, i);
        /* "\r" only before "\n" (``\r?\n``) */
        Py_ssize_t mark = c == '\r' ? (i + 1 < length && char_at(t, i + 1) == '\n' ? 2 : 0)
                          : is_wallet_mark(c) ? 1 : 0;
        if (mark) {
            Py_ssize_t end = i + mark;
            end += run_from(t, end, length, is_wallet_space);
            if (end < length && is_ascii_alnum(char_at(t, end))) return end;
        }
    }
    if (after_spaces > at && after_spaces < length && is_ascii_alnum(char_at(t, after_spaces)))
        return after_spaces;
    return -1;
}

/* Where wallets._SPLIT_START's body, tried at ``at``, ends (the look-ahead included),
 * else -1. Its branches in order; each ends where its run does, since a shorter run
 * would be followed by a run character, which no separator starts with. */
static Py_ssize_t split_start_end(Text t, Py_ssize_t at, Py_ssize_t length) {
    Py_UCS4 c[4] = {0, 0, 0, 0};
    for (int k = 0; k < 4 && at + k < length; k++) c[k] = char_at(t, at + k);
    Py_ssize_t end = -1;
    if (c[0] == '1' || c[0] == '3') {
        end = at + 1 + run_from(t, at + 1, length, is_base58);
    } else if (c[0] == '4' || c[0] == '8') {
        if ((c[1] >= '0' && c[1] <= '9') || c[1] == 'A' || c[1] == 'B') {
            Py_ssize_t run = run_from(t, at + 2, length, is_base58);
            if (run >= 2) end = at + 2 + run;
        }
    } else if (bech32_prefix(t.kind, t.data, length, at)) {
        /* where it fails, "LTC1..." cannot open the "L..." branch either: that branch's
         * Base58 run ends there too, or earlier at a letter or digit, not a separator */
        end = run_end(t, at, length, is_ascii_alnum);
        return separator_end(t, end, length) >= 0 ? end : -1;
    } else if (c[0] == '0' && c[1] == 'x') {
        end = at + 2 + run_from(t, at + 2, length, is_hex);
    }
    if (end < 0 && (c[0] == 'L' || c[0] == 'M' || c[0] == 'T')) {
        /* L, M or T, lower-case letters, one of 0-9 A-Z, then Base58 */
        Py_ssize_t i = at + 1 + run_from(t, at + 1, length, is_lower_char);
        if (i < length) {
            Py_UCS4 next = char_at(t, i);
            if ((next >= '0' && next <= '9') || (next >= 'A' && next <= 'Z'))
                end = i + 1 + run_from(t, i + 1, length, is_base58);
        }
    }
    return end >= 0 && separator_end(t, end, length) >= 0 ? end : -1;
}

static Py_ssize_t split_longest(const char *first, Py_ssize_t length) {
    char head[4];
    lowered_head(first, length, head);
    if (bech32_opening(head) >= 0) return 90;
    if (head[0] == '0' && head[1] == 'x') return 42;
    return first[0] == '4' || first[0] == '8' ? 95 : 35;
}

static Py_ssize_t split_shortest(char first) {
    switch (first) {
    case '1': case '3': return 26;
    case 'b': case 'B': return 14;
    case 'l': case 'L': return 15;
    case 'M': return 27;
    case 'T': return 34;
    case '4': case '8': return 95;
    case '0': return 42;
    default: return 0;
    }
}

static int all_base58(const char *s, Py_ssize_t n) {
    for (Py_ssize_t i = 0; i < n; i++)
        if (!is_base58((Py_UCS4)(unsigned char)s[i])) return 0;
    return 1;
}

static Py_ssize_t base58_run(const char *s, Py_ssize_t from, Py_ssize_t n) {
    Py_ssize_t end = from;
    while (end < n && is_base58((Py_UCS4)(unsigned char)s[end])) end++;
    return end - from;
}

/* The coin and verdict of a join that is exactly one shape (wallets._identify), with
 * ``*coin`` set; 0 where it is none. A join is letters and digits, so it is one maximal
 * run of them, and one of Base58 where it holds no other character. */
static int identify(const char *s, Py_ssize_t n, int *coin, int *valid) {
    Text join = {PyUnicode_1BYTE_KIND, s};
    /* (a Monero join whose second character is "0" is no Base58 run: identify_join's
     * next step finds it, whole, as no letters-and-digits shape can start with "4") */
    *coin = all_base58(s, n) ? base58_shape(join.kind, s, 0, n) : NO_COIN;
    if (*coin != NO_COIN) {  /* the Base58 shapes come first (a Litecoin "LTC1..." too) */
        *valid = base58_verdict(*coin, s, n);
        return 1;
    }
    *coin = alnum_shape(join.kind, s, 0, n);
    if (*coin == NO_COIN) return 0;
    *valid = *coin == ETHEREUM ? NO_CHECK : bech32_valid(s, n);
    return 1;
}

/* wallets._identify_join: the join's coin, verdict and unused tail (``*left_over``); a
 * Base58 shape may also end inside the last piece, ``last_piece`` long, where a
 * character Base58 lacks begins. */
static int identify_join(const char *s, Py_ssize_t n, Py_ssize_t last_piece, int *coin,
                         int *valid, Py_ssize_t *left_over) {
    *left_over = 0;
    if (identify(s, n, coin, valid)) return 1;
    if (n < 1 || !is_base58((Py_UCS4)(unsigned char)s[0])) return 0;
    Py_ssize_t end = 1 + base58_run(s, 1, n);  /* the join's first Base58 run */
    *coin = base58_shape(PyUnicode_1BYTE_KIND, s, 0, end);
    if (*coin == NO_COIN && end == 1 && monero_after_zero(PyUnicode_1BYTE_KIND, s, n, 0)) {
        *coin = MONERO;
        end = 95;
    }
    if (*coin == NO_COIN || end <= n - last_piece) return 0;
    *valid = base58_verdict(*coin, s, end);
    *left_over = n - end;
    return 1;
}

/* wallets._looks_like_code: a digit, or a capital after the first character. */
static int looks_like_code(const char *piece, Py_ssize_t n) {
    for (Py_ssize_t i = 0; i < n; i++) {
        if (piece[i] >= '0' && piece[i] <= '9') return 1;
        if (i > 0 && piece[i] >= 'A' && piece[i] <= 'Z') return 1;
    }
    return 0;
}

/* Whether a piece is one of wallets._PREFIXES ("bc1", "ltc1", "0x"), any case. */
static int is_prefix_piece(const char *piece, Py_ssize_t n) {
    char head[4];
    lowered_head(piece, n, head);
    int opening = bech32_opening(head);
    return (opening >= 0 && n == opening + 1) || (n == 2 && head[0] == '0' && head[1] == 'x');
}

/* wallets._unambiguous, for the pieces at ``starts`` (each piece's offset in the join
 * ``s``, ``count`` of them, the join ``n`` long). */
static int unambiguous(const char *s, Py_ssize_t n, const Py_ssize_t *starts, Py_ssize_t count) {
    char head[4];
    lowered_head(s, n, head);
    Py_ssize_t one = bech32_opening(head);
    if (one >= 0 && n - one - 1 != 39 && n - one - 1 != 59) return 0;
    Py_ssize_t wordlike = 0;
    for (Py_ssize_t p = 0; p < count; p++) {
        Py_ssize_t from = starts[p], to = p + 1 < count ? starts[p + 1] : n;
        int prefix = is_prefix_piece(s + from, to - from);
        if (to - from < 4 && !(p == 0 && prefix)) return 0;
        if (!prefix && !looks_like_code(s + from, to - from)) wordlike++;
    }
    return wordlike <= (count / 4 > 1 ? count / 4 : 1);
}

/* _split_wallets' loop from the first piece [at, end): the best join in ``*best``
 * (start -1 where none); -1 on error. */
#define MOST_PIECES 96  /* every piece is a character or more, the longest join 95 */
static int join_from(Text t, Py_ssize_t length, Py_ssize_t at, Py_ssize_t end, Wallet *best) {
    char join[LONGEST_JOIN];
    Py_ssize_t starts[MOST_PIECES], n = end - at, count = 1, last_from = 0, piece_start;
    best->start = -1;
    if (copy_ascii(t, at, end, join) < 0) return -1;
    Py_ssize_t longest = split_longest(join, n), shortest = split_shortest(join[0]);
    int base58_only = join[0] == '1' || join[0] == '3' || join[0] == 'T';
    starts[0] = 0;
    while ((piece_start = separator_end(t, end, length)) >= 0) {
        /* as in Python; a shortcut only: no Base58 shape's run would reach the next piece */
        if (base58_only && !all_base58(join + last_from, n - last_from)) break;
        Py_ssize_t piece = run_from(t, piece_start, length, is_ascii_alnum);
        if (n + piece > longest) break;
        if (copy_ascii(t, piece_start, piece_start + piece, join + n) < 0) return -1;
        last_from = n;
        starts[count++] = n;
        n += piece;
        end = piece_start + piece;
        if (n < shortest) continue;
        int coin, valid;
        Py_ssize_t left_over;
        if (!identify_join(join, n, n - last_from, &coin, &valid, &left_over)) continue;
        if (valid == VALID || unambiguous(join, n, starts, count)) {
            Wallet found = {coin, valid, at, end - left_over, count};
            *best = found;
            if (valid == VALID) break;
        }
    }
    return 0;
}

/* wallets._split_wallets: _SPLIT_START's matches in turn (after no letter or digit), each
 * the first piece of a join unless an address found before covers its start. */
static int split_wallets(Text t, Py_ssize_t length, Wallets *out) {
    Py_ssize_t resume = 0;
    for (Py_ssize_t at = 0; at < length; at++) {
        if (at > 0 && is_ascii_alnum(char_at(t, at - 1))) continue;
        Py_ssize_t end = split_start_end(t, at, length);
        if (end < 0) continue;
        /* (a first piece longer than any address is the start of none) */
        if (at >= resume && end - at <= LONGEST_JOIN) {
            Wallet best;
            if (join_from(t, length, at, end, &best) < 0) return -1;
            if (best.start >= 0) {
                resume = best.end;
                if (wallets_push(out, best) < 0) return -1;
            }
        }
        at = (end > at + 1 ? end : at + 1) - 1;  /* the search goes on after the first piece */
    }
    return 0;
}

static PyObject *wallet_list(const Wallets *w) {
    PyObject *list = PyList_New(w->size);
    if (!list) return NULL;
    for (Py_ssize_t i = 0; i < w->size; i++) {
        const Wallet *x = &w->items[i];
        PyObject *item = Py_BuildValue("(innin)", x->coin, x->start, x->end, x->valid, x->pieces);
        if (!item) { Py_DECREF(list); return NULL; }
        PyList_SET_ITEM(list, i, item);
    }
    return list;
}

/* find_wallet_matches(text, whole, split) -> (wholes, splits), each a list of (coin,
 * start, end, verdict, pieces): verdict -1 where none is checked, 0 not valid, 1 valid. */
static PyObject *find_wallet_matches(PyObject *module, PyObject *args) {
    PyObject *text;
    int whole, split;
    if (!PyArg_ParseTuple(args, "Upp", &text, &whole, &split)) return NULL;
    Text t = {PyUnicode_KIND(text), PyUnicode_DATA(text)};
    Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    Wallets wholes = {NULL, 0, 0}, splits = {NULL, 0, 0};
    PyObject *result = NULL;
    if ((whole && whole_wallets(t, length, &wholes) < 0)
        || (split && split_wallets(t, length, &splits) < 0))
        goto done;
    PyObject *first = wallet_list(&wholes), *second = first ? wallet_list(&splits) : NULL;
    if (first && second) result = PyTuple_Pack(2, first, second);
    Py_XDECREF(first);
    Py_XDECREF(second);
done:
    PyMem_Free(wholes.items);
    PyMem_Free(splits.items);
    return result;
}
