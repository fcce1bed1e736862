/* SPDX-License-Identifier: MIT */
/* aarch64 fork, wait, pipes and execve of itself. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static void check(const char *what, int ok)
{
    printf("%s: %s\n", what, ok ? "ok" : "FAIL");
}

int main(int argc, char **argv)
{
    int fds[2], status;
    char buf[32];
    pid_t pid;

    if (argc > 1 && !strcmp(argv[1], "child")) {
        printf("exec'd child: %s %s\n", argv[2], getenv("A64_TEST"));
        return 5;
    }
    check("pipe", pipe(fds) == 0);
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        close(fds[0]);
        write(fds[1], "from child", 11);
        _exit(3);
    }
    close(fds[1]);
    check("read from child", read(fds[0], buf, sizeof(buf)) == 11 &&
          !strcmp(buf, "from child"));
    check("waitpid", waitpid(pid, &status, 0) == pid &&
          WIFEXITED(status) && WEXITSTATUS(status) == 3);

    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        char *args[] = { argv[0], "child", "arg", NULL };
        char *env[] = { "A64_TEST=yes", NULL };

        execve(argv[0], args, env);
        _exit(127);
    }
    check("exec status", waitpid(pid, &status, 0) == pid &&
          WIFEXITED(status) && WEXITSTATUS(status) == 5);

    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        abort();
    }
    check("child killed by SIGABRT", waitpid(pid, &status, 0) == pid &&
          WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT);
    return 0;
}
