// Symbol visibility for the nianbao shared library and plugins.
#pragma once

#if defined(_WIN32)
#error "nianbao supports ELF platforms (Linux) only"
#endif

// Everything the core library exports is marked NIANBAO_API; plugins are built with hidden
// visibility so that only their entry function is visible to the loader.
#define NIANBAO_API __attribute__((visibility("default")))
