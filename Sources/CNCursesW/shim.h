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

static volatile sig_atomic_t mlt_signal_received = 0;
static volatile sig_atomic_t mlt_screen_active = 0;
static int mlt_saved_stderr = -1;
static int mlt_log_fd = -1;
// The handlers that were there before ours, indexed by signal number (32 entries). The
// storage comes from Swift: a static aggregate in this header is not emitted by its importer.
static struct sigaction *mlt_previous_crash = NULL;

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

static inline void mlt_on_stop_signal(int sig) { mlt_signal_received = sig; }

/// Restores the terminal, then hands the crash to the handler that was there before (the
/// Swift runtime's backtracer), which now prints to the real stderr; then the process ends by
/// the signal. NB: the backtracer returns, expecting the faulting instruction to fault again;
/// a signal that came from `kill` or `abort` would not, so the default action is forced.
static inline void mlt_on_crash(int sig) {
  mlt_restore_terminal();
  if (mlt_previous_crash != NULL && sig > 0 && sig < 32) {
    sigaction(sig, &mlt_previous_crash[sig], NULL);
    raise(sig);
  }
  signal(sig, SIG_DFL);
  raise(sig);
  _exit(128 + sig);
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

/// - Parameter previous: room for 32 `struct sigaction`, kept for the life of the process.
static inline void mlt_install_handlers(struct sigaction *previous) {
  mlt_previous_crash = previous;
  struct sigaction stop;
  memset(&stop, 0, sizeof stop);
  stop.sa_handler = mlt_on_stop_signal;
  sigemptyset(&stop.sa_mask);
  sigaction(SIGINT, &stop, NULL);
  sigaction(SIGTERM, &stop, NULL);
  sigaction(SIGHUP, &stop, NULL);
  // A parent may start us with signals blocked (Foundation's Process does); then Ctrl-C, a
  // closed terminal or a `kill` would never reach the flag and the screen would stay up.
  // Threads started afterwards (the session's) inherit the mask.
  sigset_t wanted;
  sigemptyset(&wanted);
  sigaddset(&wanted, SIGINT);
  sigaddset(&wanted, SIGTERM);
  sigaddset(&wanted, SIGHUP);
  int crashes[] = {SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT};
  for (unsigned i = 0; i < sizeof crashes / sizeof crashes[0]; i++) {
    struct sigaction crash;
    memset(&crash, 0, sizeof crash);
    crash.sa_handler = mlt_on_crash;
    sigemptyset(&crash.sa_mask);
    crash.sa_flags = SA_NODEFER | SA_RESETHAND;
    sigaction(crashes[i], &crash, &previous[crashes[i]]);
    sigaddset(&wanted, crashes[i]);
  }
  pthread_sigmask(SIG_UNBLOCK, &wanted, NULL);
  atexit(mlt_atexit_restore);
}

static inline int mlt_take_signal(void) {
  int s = mlt_signal_received;
  mlt_signal_received = 0;
  return s;
}

static inline void mlt_set_screen_active(int active) { mlt_screen_active = active; }

#endif
