typedef unsigned int u32;
static u32 crc_table[256];
static int arr[20000];
static double ma[64*64], mb[64*64], mc[64*64];

static void init_crc(void) {
  for (u32 i = 0; i < 256; i++) { u32 c = i; for (int k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1; crc_table[i] = c; }
}
static u32 crc(const unsigned char *p, int n) { u32 c = ~0u; for (int i = 0; i < n; i++) c = crc_table[(c ^ p[i]) & 0xFF] ^ (c >> 8); return ~c; }
static void qs(int *a, int lo, int hi) {
  while (lo < hi) { int p = a[(lo + hi) / 2], i = lo, j = hi;
    while (i <= j) { while (a[i] < p) i++; while (a[j] > p) j--; if (i <= j) { int t = a[i]; a[i] = a[j]; a[j] = t; i++; j--; } }
    if (j - lo < hi - i) { qs(a, lo, j); lo = i; } else { qs(a, i, hi); hi = j; } }
}
int run(int iters) {
  u32 acc = 0; init_crc();
  for (int it = 0; it < iters; it++) {
    u32 s = 12345 + it;
    for (int i = 0; i < 20000; i++) { s = s * 1103515245u + 12345u; arr[i] = (int)(s >> 8); }
    qs(arr, 0, 19999);
    acc += crc((const unsigned char *)arr, sizeof arr);
    for (int i = 0; i < 64*64; i++) { ma[i] = (i % 7) * 0.5; mb[i] = (i % 5) * 0.25; }
    for (int i = 0; i < 64; i++) for (int j = 0; j < 64; j++) { double t = 0; for (int k = 0; k < 64; k++) t += ma[i*64+k] * mb[k*64+j]; mc[i*64+j] = t; }
    acc += (u32) mc[100];
  }
  return (int) acc;
}
