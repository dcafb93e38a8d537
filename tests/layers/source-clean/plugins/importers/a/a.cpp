#include "grid/layout.h"
#include "../../common/lib/lib.h"
#include "a.h"
