#include "../../exporters/b/b.h"
