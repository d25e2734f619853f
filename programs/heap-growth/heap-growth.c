// build: -O1
// An image cache that allocates one 256 KiB tile per request with malloc,
// growing linear memory to several MiB, but touching only a few bytes of
// each tile (a large, sparse heap). A tile lookup then trusts a corrupted
// tile header and reads through a pointer past the end of memory.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define TILE_BYTES (256 * 1024)
#define TILES 24

struct tile {
  uint32_t width, height;
  uint8_t *pixels;
  struct tile *next;
};

static struct tile *cache;

static struct tile *load_tile(uint32_t seed) {
  struct tile *t = malloc(sizeof *t);
  t->width = 512;
  t->height = 512;
  t->pixels = malloc(TILE_BYTES);
  // Only the corners are painted; the rest stays as the allocator gave it.
  t->pixels[0] = (uint8_t)seed;
  t->pixels[TILE_BYTES - 1] = (uint8_t)(seed * 7);
  t->next = cache;
  cache = t;
  return t;
}

static uint8_t pixel(const struct tile *t, uint32_t x, uint32_t y) {
  return t->pixels[(size_t)y * t->width + x];
}

int main(void) {
  uint32_t checksum = 0;
  for (uint32_t i = 0; i < TILES; i++) {
    struct tile *t = load_tile(i + 1);
    checksum += pixel(t, 0, 0);
  }
  printf("%d tiles cached, %zu KiB of memory, checksum %u\n", TILES,
         (size_t)__builtin_wasm_memory_size(0) * 64, checksum);
  fflush(stdout);
  // A stray byte write corrupts the newest tile's header: its width becomes
  // 0x01000200, and the pixel offset wraps far past the end of memory.
  ((uint8_t *)&cache->width)[3] = 1;
  printf("corner pixel: %u\n", pixel(cache, 511, 511));
  return 0;
}
