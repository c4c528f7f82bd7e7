// The core tests' sanitizer defaults (tests/core/support/sanitizer_defaults.cpp) for the GUI
// tests, with the setting for the uninstrumented Qt GUI libraries explained there.
#define SOCKLAB_TSAN_QT_GUI 1
#include "core/support/sanitizer_defaults.cpp"
