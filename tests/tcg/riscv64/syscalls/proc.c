/* SPDX-License-Identifier: MIT */
/* Processes: fork/wait4 statuses, execve of itself, identity, limits. */
#include "../guest.h"

#include <errno.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/sysinfo.h>
#include <sys/syscall.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

static void test_fork_wait(void)
{
    pid_t parent = getpid();
    pid_t pid;
    int status;
    struct rusage ru;

    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        /* The child sees its parent and is its own process. */
        _exit(getppid() == parent && getpid() != parent ? 42 : 1);
    }
    CHECK(pid > 0, "fork");
    CHECK_EQ(wait4(pid, &status, 0, &ru), pid, "wait4");
    printf("child exited %d code %d\n", WIFEXITED(status),
           WEXITSTATUS(status));

    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        pause();
        _exit(0);
    }
    CHECK_EQ(kill(pid, SIGTERM), 0, "kill");
    CHECK_EQ(waitpid(pid, &status, 0), pid, "waitpid");
    printf("child signaled %d sig %d\n", WIFSIGNALED(status),
           WTERMSIG(status));

    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        _exit(3);
    }
    {
        siginfo_t si;
        memset(&si, 0, sizeof(si));
        CHECK_EQ(waitid(P_PID, pid, &si, WEXITED), 0, "waitid");
        printf("waitid signo %d code %d status %d pid ok %d\n", si.si_signo,
               si.si_code, si.si_status, si.si_pid == pid);
    }
    CHECK_EQ(waitpid(-1, &status, WNOHANG), -1, "no more children");
    printf("wait without children errno %d\n", errno);
}

/* Exec of a riscv64 program is in exec.c (qemu needs binfmt_misc). */
static void test_exec_errors(void)
{
    char self[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);

    CHECK(n > 0, "readlink /proc/self/exe");
    if (n > 0) {
        self[n] = 0;
        printf("exe path ends with proc: %d\n",
               n > 4 && !strcmp(self + n - 4, "proc"));
    }
    errno = 0;
    CHECK_EQ(execve("/nonexistent/prog", (char *[]){ "x", NULL }, NULL), -1,
             "execve missing");
    printf("execve missing errno %d\n", errno);
}

static void test_identity_and_system(void)
{
    struct utsname u;
    struct rlimit rl, rl2;
    unsigned char rnd[32];
    cpu_set_t set;
    char name[16] = { 0 };
    struct sysinfo si;
    struct tms t;

    CHECK_EQ(uname(&u), 0, "uname");
    printf("machine %s sysname %s\n", u.machine, u.sysname);
    printf("uid==euid %d gid==egid %d\n", getuid() == geteuid(),
           getgid() == getegid());
    {
        uid_t r, e, s;
        CHECK_EQ(getresuid(&r, &e, &s), 0, "getresuid");
        printf("getresuid matches %d\n", r == getuid() && e == geteuid());
    }
    printf("tid==pid in main thread %d\n", (pid_t)syscall(SYS_gettid) ==
           getpid());
    CHECK_EQ(getrlimit(RLIMIT_NOFILE, &rl), 0, "getrlimit");
    CHECK_EQ(prlimit(0, RLIMIT_NOFILE, NULL, &rl2), 0, "prlimit");
    printf("nofile cur>0 %d same %d\n", rl.rlim_cur > 0,
           rl.rlim_cur == rl2.rlim_cur && rl.rlim_max == rl2.rlim_max);
    rl2.rlim_cur = 64;
    CHECK_EQ(setrlimit(RLIMIT_NOFILE, &rl2), 0, "setrlimit");
    CHECK_EQ(getrlimit(RLIMIT_NOFILE, &rl), 0, "getrlimit 2");
    printf("nofile now %llu\n", (unsigned long long)rl.rlim_cur);
    CHECK_EQ(getrandom(rnd, sizeof(rnd), 0), sizeof(rnd), "getrandom");
    CHECK_EQ(getrandom(rnd, 5, GRND_NONBLOCK), 5, "getrandom 5");
    CPU_ZERO(&set);
    CHECK_EQ(sched_getaffinity(0, sizeof(set), &set), 0, "getaffinity");
    printf("cpus>0 %d\n", CPU_COUNT(&set) > 0);
    CHECK_EQ(sched_yield(), 0, "sched_yield");
    CHECK_EQ(prctl(PR_SET_NAME, "vemu-name", 0, 0, 0), 0, "PR_SET_NAME");
    CHECK_EQ(prctl(PR_GET_NAME, name, 0, 0, 0), 0, "PR_GET_NAME");
    printf("prctl name %s\n", name);
    CHECK_EQ(sysinfo(&si), 0, "sysinfo");
    printf("sysinfo mem_unit>0 %d\n", si.mem_unit > 0);
    CHECK(times(&t) != (clock_t)-1, "times");
    CHECK_EQ(kill(getpid(), 0), 0, "kill 0");
    CHECK_EQ(getpgid(0), getpgrp(), "getpgid");
    CHECK(getsid(0) > 0, "getsid");
    {
        int prio = getpriority(PRIO_PROCESS, 0);
        printf("priority in nice range %d\n", prio >= -20 && prio <= 19);
    }
}

int main(void)
{
    test_fork_wait();
    test_exec_errors();
    test_identity_and_system();
    return guest_done();
}
