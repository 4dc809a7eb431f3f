// The hints are inline functions of the header; SwiftPM builds a C target from at least one source file.
#include "CMemoryHints.h"
