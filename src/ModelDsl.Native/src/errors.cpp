#include "mdsl.h"

namespace {
thread_local std::string last_error;
}

void mdsl::set_error(const char* message) { last_error = message ? message : "(no message)"; }
void mdsl::clear_error() { last_error.clear(); }

MDSL_API const char* mdsl_last_error() { return last_error.c_str(); }
