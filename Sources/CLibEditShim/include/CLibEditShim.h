#ifndef MLTUTOR_CLIBEDITSHIM_H
#define MLTUTOR_CLIBEDITSHIM_H
// The parts of the line REPL that must be C: a SIGINT handler that only sets a flag, and a
// character reader for libedit that turns Ctrl-C at the prompt into "clear the line".

#include <stdio.h>

/// Installs a SIGINT handler that records the signal (the previous one is kept to restore).
/// Returns 0, or -1 when sigaction fails.
int mlt_sigint_install(void);

/// Puts back the SIGINT handler that was in place before `mlt_sigint_install`.
void mlt_sigint_restore(void);

/// 1 when SIGINT arrived since the last call to `mlt_sigint_take` or `mlt_sigint_clear`.
int mlt_sigint_pending(void);

/// Like `mlt_sigint_pending`, and clears the flag.
int mlt_sigint_take(void);

void mlt_sigint_clear(void);

/// A character reader for `rl_getc_function`: one character from the stream's descriptor,
/// decoded from UTF-8 into its code point, or EOF. Ctrl-C while it waits makes it return
/// Ctrl-U (kill the line) and then a newline, so `readline` hands back an empty line.
int mlt_getc(FILE *stream);

/// Saves the settings of the terminal on `fd` and catches every signal that would end the
/// process (but SIGINT, see above) to put them back first, then end the process by it;
/// ignores SIGPIPE. Returns 0, or -1 when `fd` is not a terminal.
int mlt_terminal_guard_install(int fd);

/// Puts the terminal's settings and the signal handlers back as they were.
void mlt_terminal_guard_remove(void);

#endif
