#include "lib2.h"
