// Each hot loop marked MDSL_VECTOR_CLONES is compiled for AVX-512, AVX2 and plain x86-64 and the version
// for the CPU is picked at load time: the shim is built once per machine image, not with -march=native.
#pragma once

#define MDSL_VECTOR_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
