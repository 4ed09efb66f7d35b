#ifndef MLTUTOR_CZLIB_SHIM_H
#define MLTUTOR_CZLIB_SHIM_H
#include <zlib.h>
#endif
