#define _GNU_SOURCE
#include "CLibEditShim.h"

#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

// The terminal's settings when the REPL started, put back before any signal ends the
// process: libedit switches the terminal to its own mode while it reads a line, and a signal
// that ends the process then would leave it without echo or line editing.

#define GUARD_SIGNALS 65

static struct termios saved;
static int saved_fd = -1;
static struct sigaction previous[GUARD_SIGNALS];
static unsigned char replaced[GUARD_SIGNALS];

static void restore_terminal(void) {
  if (saved_fd >= 0) tcsetattr(saved_fd, TCSANOW, &saved);  // async-signal-safe
}

static void die_by_signal(int sig) {
  signal(sig, SIG_DFL);
  sigset_t only;
  sigemptyset(&only);
  sigaddset(&only, sig);
  pthread_sigmask(SIG_UNBLOCK, &only, NULL);
  raise(sig);
  _exit(128 + sig);
}

static int is_crash(int sig) {
  return sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGTRAP || sig == SIGFPE ||
         sig == SIGABRT || sig == SIGSYS;
}

/// Restores the terminal, then ends the process by the signal. A crash first goes to the
/// handler that was there before (Swift's backtracer), which prints the crash report.
static void on_signal(int sig) {
  restore_terminal();
  if (is_crash(sig) && sig < GUARD_SIGNALS) {
    void (*before)(int) = previous[sig].sa_handler;
    if (before != SIG_DFL && before != SIG_IGN) {
      sigaction(sig, &previous[sig], NULL);
      raise(sig);
    }
  }
  die_by_signal(sig);
}

static void take(int sig, int only_if_default, sigset_t *wanted) {
  struct sigaction current;
  if (sigaction(sig, NULL, &current) != 0) return;
  if (current.sa_handler == SIG_IGN && !is_crash(sig)) return;  // nohup and the like
  if (only_if_default && current.sa_handler != SIG_DFL) return;
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_NODEFER | SA_RESETHAND;
  if (sigaction(sig, &action, &previous[sig]) == 0) {
    replaced[sig] = 1;
    sigaddset(wanted, sig);
  }
}

int mlt_terminal_guard_install(int fd) {
  if (saved_fd >= 0) return 0;
  if (tcgetattr(fd, &saved) != 0) return -1;
  saved_fd = fd;
  sigset_t wanted;
  sigemptyset(&wanted);
  // SIGINT is the REPL's own (mlt_sigint_install): it stops training or clears the line.
  int ends[] = {SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGTERM, SIGSTKFLT, SIGXCPU,
                SIGXFSZ, SIGVTALRM, SIGPROF, SIGIO, SIGPWR,
                SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT, SIGSYS};
  for (unsigned i = 0; i < sizeof ends / sizeof ends[0]; i++) take(ends[i], 0, &wanted);
  for (int sig = SIGRTMIN; sig <= SIGRTMAX && sig < GUARD_SIGNALS; sig++) take(sig, 1, &wanted);
  struct sigaction ignore;
  memset(&ignore, 0, sizeof ignore);
  ignore.sa_handler = SIG_IGN;
  sigemptyset(&ignore.sa_mask);
  if (sigaction(SIGPIPE, &ignore, &previous[SIGPIPE]) == 0) replaced[SIGPIPE] = 1;
  // A parent may have started us with signals blocked.
  pthread_sigmask(SIG_UNBLOCK, &wanted, NULL);
  return 0;
}

void mlt_terminal_guard_remove(void) {
  if (saved_fd < 0) return;
  restore_terminal();
  for (int sig = 1; sig < GUARD_SIGNALS; sig++) {
    if (!replaced[sig]) continue;
    sigaction(sig, &previous[sig], NULL);
    replaced[sig] = 0;
  }
  saved_fd = -1;
}
