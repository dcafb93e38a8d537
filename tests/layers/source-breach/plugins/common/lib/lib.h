#include "importers/a/a.h"
