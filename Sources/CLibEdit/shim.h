#ifndef MLTUTOR_CLIBEDIT_SHIM_H
#define MLTUTOR_CLIBEDIT_SHIM_H
// libedit's readline interface; GNU readline's header is installed too, so name libedit's.
#include <stdio.h>
#include <editline/readline.h>
#endif
