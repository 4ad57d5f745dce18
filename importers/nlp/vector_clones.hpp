#pragma once
// FACTGRAPH_VECTOR_CLONES before a function with hot vector loops builds it twice, for AVX2 and for
// the baseline x86-64, and the CPU picks one when the program loads (GCC function multiversioning,
// an ifunc of glibc): one binary runs everywhere and uses the wider vectors where they exist.
// Elsewhere (other compilers, CPUs or C libraries) the function is built once, as usual.
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__)
#define FACTGRAPH_VECTOR_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define FACTGRAPH_VECTOR_CLONES
#endif
