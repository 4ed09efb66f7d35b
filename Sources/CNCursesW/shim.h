// ncursesw with wide characters, plus small functions for what curses defines as macros and
// for the parts of terminal restoring that must be async-signal-safe (signal and crash handlers).
#ifndef MLTUTOR_CNCURSESW_SHIM_H
#define MLTUTOR_CNCURSESW_SHIM_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <ncursesw/curses.h>
#include <ncursesw/term.h>
#include <langinfo.h>
#include <locale.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

static const attr_t mlt_A_NORMAL = A_NORMAL;
static const attr_t mlt_A_BOLD = A_BOLD;
static const attr_t mlt_A_DIM = A_DIM;
static const attr_t mlt_A_UNDERLINE = A_UNDERLINE;
static const attr_t mlt_A_REVERSE = A_REVERSE;
static const mmask_t mlt_ALL_MOUSE_EVENTS = ALL_MOUSE_EVENTS | REPORT_MOUSE_POSITION;
static const mmask_t mlt_BUTTON1_PRESSED = BUTTON1_PRESSED;
static const mmask_t mlt_BUTTON1_RELEASED = BUTTON1_RELEASED;
static const mmask_t mlt_BUTTON1_CLICKED = BUTTON1_CLICKED;
static const mmask_t mlt_BUTTON3_PRESSED = BUTTON3_PRESSED;
static const mmask_t mlt_REPORT_MOUSE_POSITION = REPORT_MOUSE_POSITION;

/// Writes one cell: a wide character with attributes and an extended colour pair.
static inline int mlt_put_cell(WINDOW *win, int y, int x, wchar_t ch, attr_t attrs, int pair) {
  cchar_t cell;
  wchar_t text[2] = {ch, 0};
  int extended = pair;
  if (setcchar(&cell, text, attrs, (short)(pair > 32767 ? 0 : pair), &extended) == ERR) return ERR;
  return mvwadd_wch(win, y, x, &cell);
}

/// True when the terminal description has cursor addressing (`cup`).
static inline int mlt_has_cursor_addressing(void) {
  char *cup = tigetstr("cup");
  return cup != NULL && cup != (char *)-1;
}

/// Sets the character type from the environment, falling back to C.UTF-8; true when the
/// locale in force is UTF-8.
static inline int mlt_setup_utf8_locale(void) {
  if (setlocale(LC_CTYPE, "") != NULL && strcmp(nl_langinfo(CODESET), "UTF-8") == 0) return 1;
  if (setlocale(LC_CTYPE, "C.UTF-8") != NULL && strcmp(nl_langinfo(CODESET), "UTF-8") == 0) return 1;
  return 0;
}

static inline int mlt_width(WINDOW *win) { return getmaxx(win); }
static inline int mlt_height(WINDOW *win) { return getmaxy(win); }

// MARK: - Signals and restoring the terminal on every exit path
//
// Every catchable signal whose default action ends the process is caught while the tutor
// runs, so that the terminal is restored before the process ends:
// - asynchronous ones (HUP INT QUIT USR1 USR2 ALRM TERM STKFLT XCPU XFSZ VTALRM PROF IO PWR,
//   and the real-time signals nobody else handles) set a flag that the main loop polls; it
//   restores the terminal at a safe point and then ends the process by that signal. The same
//   signal arriving again before then restores and ends it from the handler;
// - synchronous ones, crashes (SEGV BUS ILL TRAP FPE ABRT SYS), restore from the handler and
//   hand over to the handler that was there before (Swift's backtracer);
// - SIGPIPE is ignored: a write to a closed pipe fails instead of killing the tutor.

#define MLT_SIGNALS 65
static volatile sig_atomic_t mlt_signal_received = 0;
static volatile sig_atomic_t mlt_screen_active = 0;
static int mlt_saved_stderr = -1;
static int mlt_log_fd = -1;
// The handlers that were there before ours, indexed by signal number (MLT_SIGNALS entries),
// and whether each was replaced. The storage comes from Swift: a static aggregate in this
// header is not emitted by its importer.
static struct sigaction *mlt_previous = NULL;
static unsigned char *mlt_replaced = NULL;

/// Puts stderr back and copies what was logged while the screen was up; idempotent and
/// async-signal-safe apart from endwin, which only writes the terminal's reset sequences.
static inline void mlt_restore_terminal(void) {
  if (mlt_screen_active) {
    mlt_screen_active = 0;
    endwin();
  }
  if (mlt_saved_stderr >= 0) {
    dup2(mlt_saved_stderr, 2);
    close(mlt_saved_stderr);
    mlt_saved_stderr = -1;
    if (mlt_log_fd >= 0) {
      char buffer[4096];
      ssize_t n;
      lseek(mlt_log_fd, 0, SEEK_SET);
      while ((n = read(mlt_log_fd, buffer, sizeof buffer)) > 0) {
        ssize_t written = write(2, buffer, (size_t)n);
        (void)written;
      }
      close(mlt_log_fd);
      mlt_log_fd = -1;
    }
  }
}

static inline void mlt_atexit_restore(void) { mlt_restore_terminal(); }

/// Ends the process by `sig` with its default action (a shell reports 128 + sig); 128 + sig
/// as the exit status when the signal does not end it.
static inline void mlt_die_by_signal(int sig) {
  signal(sig, SIG_DFL);
  sigset_t only;
  sigemptyset(&only);
  sigaddset(&only, sig);
  pthread_sigmask(SIG_UNBLOCK, &only, NULL);
  raise(sig);
  _exit(128 + sig);
}

static inline void mlt_on_stop_signal(int sig) {
  if (mlt_signal_received == sig) {
    // Sent again before the main loop acted on it (the loop may be stuck): end now.
    mlt_restore_terminal();
    mlt_die_by_signal(sig);
  }
  mlt_signal_received = sig;
}

/// Restores the terminal, then hands the crash to the handler that was there before (the
/// Swift runtime's backtracer), which now prints to the real stderr; then the process ends by
/// the signal. NB: the backtracer returns, expecting the faulting instruction to fault again;
/// a signal that came from `kill` or `abort` would not, so the default action is forced.
static inline void mlt_on_crash(int sig) {
  mlt_restore_terminal();
  if (mlt_previous != NULL && sig > 0 && sig < MLT_SIGNALS) {
    void (*previous)(int) = mlt_previous[sig].sa_handler;
    if (previous != SIG_DFL && previous != SIG_IGN) {
      sigaction(sig, &mlt_previous[sig], NULL);
      raise(sig);
    }
  }
  mlt_die_by_signal(sig);
}

/// Sends stderr to `log_fd` until the terminal is restored.
static inline int mlt_redirect_stderr(int log_fd) {
  int saved = dup(2);
  if (saved < 0) return -1;
  if (dup2(log_fd, 2) < 0) {
    close(saved);
    return -1;
  }
  mlt_saved_stderr = saved;
  mlt_log_fd = log_fd;
  return 0;
}

static inline void mlt_replace_handler(int sig, void (*handler)(int), int flags, sigset_t *wanted) {
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = handler;
  sigemptyset(&action.sa_mask);
  action.sa_flags = flags;
  if (sigaction(sig, &action, &mlt_previous[sig]) == 0) {
    mlt_replaced[sig] = 1;
    sigaddset(wanted, sig);
  }
}

/// - Parameters:
///   - previous: room for MLT_SIGNALS `struct sigaction`, kept for the life of the process.
///   - replaced: room for MLT_SIGNALS flags, zeroed.
static inline void mlt_install_handlers(struct sigaction *previous, unsigned char *replaced) {
  mlt_previous = previous;
  mlt_replaced = replaced;
  sigset_t wanted;
  sigemptyset(&wanted);
  int stops[] = {SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGTERM, SIGSTKFLT,
                 SIGXCPU, SIGXFSZ, SIGVTALRM, SIGPROF, SIGIO, SIGPWR};
  for (unsigned i = 0; i < sizeof stops / sizeof stops[0]; i++) {
    struct sigaction current;
    // NB: a signal the parent set to be ignored (nohup) stays ignored.
    if (sigaction(stops[i], NULL, &current) == 0 && current.sa_handler == SIG_IGN) continue;
    mlt_replace_handler(stops[i], mlt_on_stop_signal, 0, &wanted);
  }
  for (int sig = SIGRTMIN; sig <= SIGRTMAX && sig < MLT_SIGNALS; sig++) {
    struct sigaction current;
    if (sigaction(sig, NULL, &current) != 0 || current.sa_handler != SIG_DFL) continue;
    if ((current.sa_flags & SA_SIGINFO) != 0) continue;
    mlt_replace_handler(sig, mlt_on_stop_signal, 0, &wanted);
  }
  int crashes[] = {SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT, SIGSYS};
  for (unsigned i = 0; i < sizeof crashes / sizeof crashes[0]; i++) {
    mlt_replace_handler(crashes[i], mlt_on_crash, SA_NODEFER | SA_RESETHAND, &wanted);
  }
  struct sigaction ignore;
  memset(&ignore, 0, sizeof ignore);
  ignore.sa_handler = SIG_IGN;
  sigemptyset(&ignore.sa_mask);
  if (sigaction(SIGPIPE, &ignore, &mlt_previous[SIGPIPE]) == 0) mlt_replaced[SIGPIPE] = 1;
  // A parent may start us with signals blocked (Foundation's Process does); then Ctrl-C, a
  // closed terminal or a `kill` would never reach the handlers and the screen would stay up.
  // Threads started afterwards (the session's) inherit the mask.
  pthread_sigmask(SIG_UNBLOCK, &wanted, NULL);
  atexit(mlt_atexit_restore);
}

/// Puts back every handler `mlt_install_handlers` replaced (when no screen could be opened
/// and the line REPL runs instead).
static inline void mlt_uninstall_handlers(void) {
  if (mlt_previous == NULL || mlt_replaced == NULL) return;
  for (int sig = 1; sig < MLT_SIGNALS; sig++) {
    if (!mlt_replaced[sig]) continue;
    sigaction(sig, &mlt_previous[sig], NULL);
    mlt_replaced[sig] = 0;
  }
  mlt_signal_received = 0;
}

static inline int mlt_take_signal(void) {
  int s = mlt_signal_received;
  mlt_signal_received = 0;
  return s;
}

static inline void mlt_set_screen_active(int active) { mlt_screen_active = active; }

/// The colours the terminal description of `term` lists (0 when none), or -1 when terminfo
/// does not know `term`. Reads the description without opening a screen, and leaves the
/// current terminal as it was.
static inline int mlt_terminfo_colors(const char *term) {
  TERMINAL *saved = cur_term;
  int error = 0;
  if (setupterm(term, 1, &error) != OK || error != 1) {
    set_curterm(saved);
    return -1;
  }
  int colors = tigetnum("colors");
  del_curterm(set_curterm(saved));
  return colors < 0 ? 0 : colors;
}

#endif
