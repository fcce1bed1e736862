/* SPDX-License-Identifier: MIT */
/*
 * execve of this same program with arguments and an environment.
 * Golden-only: qemu-riscv64 without binfmt_misc cannot exec a riscv64
 * file (ENOEXEC), while vemu-user re-executes itself for the guest.
 */
#include "../guest.h"

#include <errno.h>
#include <limits.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    char self[PATH_MAX];
    ssize_t n;
    pid_t pid;
    int status = 0;

    if (argc > 1 && !strcmp(argv[1], "exec-child")) {
        const char *v = getenv("VEMU_TEST_VAR");
        printf("in exec child: argc %d argv[2] '%s' env %s\n", argc,
               argc > 2 ? argv[2] : "", v ? v : "(none)");
        return 7;
    }
    n = readlink("/proc/self/exe", self, sizeof(self) - 1);
    CHECK(n > 0, "readlink /proc/self/exe");
    if (n <= 0) {
        return guest_done();
    }
    self[n] = 0;
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        char *args[] = { self, "exec-child", "two words", NULL };
        char *envp[] = { "VEMU_TEST_VAR=hello", NULL };
        execve(self, args, envp);
        printf("execve failed: errno %d\n", errno);
        _exit(99);
    }
    CHECK_EQ(waitpid(pid, &status, 0), pid, "waitpid");
    printf("exec child exited %d status %d\n", WIFEXITED(status),
           WEXITSTATUS(status));
    CHECK_EQ(WEXITSTATUS(status), 7, "exec child status");
    return guest_done();
}
