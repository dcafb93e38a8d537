// Umbrella header: the whole public API of nianbao.
#pragma once

#include "nianbao/abi.h"
#include "nianbao/batch.h"
#include "nianbao/cell_text.h"
#include "nianbao/check_support.h"
#include "nianbao/decimal.h"
#include "nianbao/diagnostic.h"
#include "nianbao/engine.h"
#include "nianbao/format.h"
#include "nianbao/limits.h"
#include "nianbao/location.h"
#include "nianbao/plugin.h"
#include "nianbao/render.h"
#include "nianbao/report.h"
#include "nianbao/report_json.h"
#include "nianbao/text.h"
#include "nianbao/version.h"
