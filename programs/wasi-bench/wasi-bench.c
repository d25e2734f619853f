// build: -O2
// The CPU-heavy WASI program of the benchmarks (benchmarks/WasiBenchmark): N-queens
// (recursion), a sieve of Eratosthenes (memory), CRC-32 (integer loops), qsort
// through a comparator (indirect calls into libc and back) and a Mandelbrot
// set (floating point), each result written with printf. Exits 0. With
// arguments, only the named phases run (queens sieve crc qsort mandelbrot).
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int queens(int n, int row, uint32_t cols, uint32_t diag1, uint32_t diag2) {
  if (row == n) {
    return 1;
  }
  int count = 0;
  for (int c = 0; c < n; c++) {
    uint32_t d1 = 1u << (row + c), d2 = 1u << (row - c + n - 1);
    if (!(cols & (1u << c)) && !(diag1 & d1) && !(diag2 & d2)) {
      count += queens(n, row + 1, cols | (1u << c), diag1 | d1, diag2 | d2);
    }
  }
  return count;
}

static int sieve(int limit) {
  char *composite = calloc(limit + 1, 1);
  int primes = 0;
  for (int i = 2; i <= limit; i++) {
    if (!composite[i]) {
      primes++;
      for (long j = (long)i * i; j <= limit; j += i) {
        composite[j] = 1;
      }
    }
  }
  free(composite);
  return primes;
}

static uint32_t crc32(const uint8_t *data, size_t n, uint32_t crc) {
  crc = ~crc;
  for (size_t i = 0; i < n; i++) {
    crc ^= data[i];
    for (int k = 0; k < 8; k++) {
      crc = (crc >> 1) ^ (0xEDB88320u & -(crc & 1));
    }
  }
  return ~crc;
}

static int compare(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return (x > y) - (x < y);
}

static int mandelbrot(int size, int limit) {
  int inside = 0;
  for (int py = 0; py < size; py++) {
    for (int px = 0; px < size; px++) {
      double cr = -2.0 + 2.5 * px / size, ci = -1.25 + 2.5 * py / size;
      double zr = 0, zi = 0;
      int i = 0;
      while (i < limit && zr * zr + zi * zi < 4.0) {
        double t = zr * zr - zi * zi + cr;
        zi = 2 * zr * zi + ci;
        zr = t;
        i++;
      }
      inside += i == limit;
    }
  }
  return inside;
}

static int wanted(int argc, char **argv, const char *phase) {
  if (argc < 2) {
    return 1;
  }
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], phase) == 0) {
      return 1;
    }
  }
  return 0;
}

int main(int argc, char **argv) {
  if (wanted(argc, argv, "queens")) {
    printf("queens(10) = %d\n", queens(10, 0, 0, 0, 0));
  }
  if (wanted(argc, argv, "sieve")) {
    printf("primes below 300000 = %d\n", sieve(300000));
  }
  uint32_t seed = 1;
  if (wanted(argc, argv, "crc")) {
    size_t n = 32768;
    uint8_t *buffer = malloc(n);
    for (size_t i = 0; i < n; i++) {
      seed = seed * 1664525u + 1013904223u;
      buffer[i] = (uint8_t)(seed >> 24);
    }
    printf("crc32 = %08x\n", crc32(buffer, n, 0));
    free(buffer);
  }
  if (wanted(argc, argv, "qsort")) {
    size_t keys = 5000;
    uint32_t *values = malloc(keys * sizeof *values);
    for (size_t i = 0; i < keys; i++) {
      seed = seed * 1664525u + 1013904223u;
      values[i] = seed;
    }
    qsort(values, keys, sizeof *values, compare);
    uint32_t check = 0;
    for (size_t i = 0; i < keys; i += 97) {
      check = check * 31 + values[i];
    }
    printf("sorted %zu keys, check %08x\n", keys, check);
    free(values);
  }
  if (wanted(argc, argv, "mandelbrot")) {
    printf("mandelbrot 64x64 inside = %d\n", mandelbrot(64, 200));
  }
  return 0;
}
