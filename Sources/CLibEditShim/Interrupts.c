#define _GNU_SOURCE
#include "CLibEditShim.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t interrupted = 0;
static struct sigaction previous;
static int installed = 0;
static int was_blocked = 0;
static int pending_newline = 0;

static void on_sigint(int signo) {
  (void)signo;
  interrupted = 1;
}

int mlt_sigint_install(void) {
  if (installed) return 0;
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = on_sigint;
  sigemptyset(&action.sa_mask);
  // Restart ordinary system calls; the reader below waits in ppoll, which is never restarted.
  action.sa_flags = SA_RESTART;
  if (sigaction(SIGINT, &action, &previous) != 0) return -1;
  // A parent may have started us with SIGINT blocked (some process launchers block every
  // signal in the thread that spawns): Ctrl-C must reach the handler all the same.
  sigset_t only, old;
  sigemptyset(&only);
  sigaddset(&only, SIGINT);
  sigprocmask(SIG_UNBLOCK, &only, &old);
  was_blocked = sigismember(&old, SIGINT) == 1;
  interrupted = 0;
  installed = 1;
  return 0;
}

void mlt_sigint_restore(void) {
  if (!installed) return;
  sigaction(SIGINT, &previous, NULL);
  if (was_blocked) {
    sigset_t only;
    sigemptyset(&only);
    sigaddset(&only, SIGINT);
    sigprocmask(SIG_BLOCK, &only, NULL);
  }
  installed = 0;
}

int mlt_sigint_pending(void) { return interrupted != 0; }

int mlt_sigint_take(void) {
  int was = interrupted != 0;
  interrupted = 0;
  return was;
}

void mlt_sigint_clear(void) { interrupted = 0; }

/// Waits until `fd` is readable or SIGINT arrives, without the race of checking the flag
/// before a plain poll: SIGINT is blocked outside ppoll. Returns 1 readable, 0 interrupted,
/// -1 error.
static int wait_readable(int fd) {
  sigset_t block, old;
  sigemptyset(&block);
  sigaddset(&block, SIGINT);
  sigprocmask(SIG_BLOCK, &block, &old);
  sigset_t waiting = old;
  sigdelset(&waiting, SIGINT);
  int result;
  for (;;) {
    if (interrupted) {
      result = 0;
      break;
    }
    struct pollfd p = {.fd = fd, .events = POLLIN};
    int n = ppoll(&p, 1, NULL, &waiting);
    if (n > 0) {
      result = 1;
      break;
    }
    if (n < 0 && errno != EINTR) {
      result = -1;
      break;
    }
  }
  sigprocmask(SIG_SETMASK, &old, NULL);
  return result;
}

static int read_byte(int fd) {
  unsigned char c;
  for (;;) {
    ssize_t n = read(fd, &c, 1);
    if (n == 1) return c;
    if (n == 0) return EOF;
    if (errno != EINTR) return EOF;
  }
}

int mlt_getc(FILE *stream) {
  if (pending_newline) {
    pending_newline = 0;
    return '\n';
  }
  int fd = fileno(stream);
  int ready = wait_readable(fd);
  if (ready == 0) {
    interrupted = 0;
    pending_newline = 1;
    return 0x15;  // Ctrl-U: kill the whole line
  }
  if (ready < 0) return EOF;
  int first = read_byte(fd);
  if (first == EOF || first < 0xC0) return first;
  int extra = first >= 0xF0 ? 3 : first >= 0xE0 ? 2 : 1;
  int code = first & (0x3F >> extra);
  for (int i = 0; i < extra; i++) {
    int next = read_byte(fd);
    if (next == EOF || (next & 0xC0) != 0x80) return 0xFFFD;
    code = (code << 6) | (next & 0x3F);
  }
  return code;
}
