/* SPDX-License-Identifier: MIT */
/* IPC: POSIX queue, System V queue, semaphores, shared memory. */
#include "../guest.h"

#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <unistd.h>

union semun {
    int val;
    struct semid_ds *buf;
    unsigned short *array;
};

static void test_msg(void)
{
    int q = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
    struct {
        long mtype;
        char text[16];
    } m = { 5, "queued" }, r;
    struct msqid_ds ds;

    CHECK(q >= 0, "msgget: %d", errno);
    CHECK_EQ(msgsnd(q, &m, sizeof(m.text), 0), 0, "msgsnd");
    CHECK_EQ(msgctl(q, IPC_STAT, &ds), 0, "msgctl IPC_STAT");
    printf("msg qnum %lu mode %o\n", (unsigned long)ds.msg_qnum,
           ds.msg_perm.mode & 0777);
    memset(&r, 0, sizeof(r));
    CHECK_EQ(msgrcv(q, &r, sizeof(r.text), 0, 0), sizeof(r.text), "msgrcv");
    printf("msg type %ld text %s\n", r.mtype, r.text);
    CHECK_EQ(msgrcv(q, &r, sizeof(r.text), 0, IPC_NOWAIT), -1, "empty");
    printf("empty queue errno %d\n", errno);
    CHECK_EQ(msgctl(q, IPC_RMID, NULL), 0, "msgctl IPC_RMID");
}

static void test_sem(void)
{
    int s = semget(IPC_PRIVATE, 3, IPC_CREAT | 0600);
    unsigned short vals[3] = { 1, 2, 3 }, back[3] = { 0 };
    struct sembuf op = { 1, -2, IPC_NOWAIT };
    struct semid_ds ds;
    union semun arg;

    CHECK(s >= 0, "semget: %d", errno);
    arg.array = vals;
    CHECK_EQ(semctl(s, 0, SETALL, arg), 0, "SETALL");
    CHECK_EQ(semop(s, &op, 1), 0, "semop");
    arg.array = back;
    CHECK_EQ(semctl(s, 0, GETALL, arg), 0, "GETALL");
    printf("sem values %u %u %u\n", back[0], back[1], back[2]);
    CHECK_EQ(semop(s, &op, 1), -1, "semop would block");
    printf("semop would block errno %d\n", errno);
    arg.val = 9;
    CHECK_EQ(semctl(s, 2, SETVAL, arg), 0, "SETVAL");
    printf("GETVAL %d\n", semctl(s, 2, GETVAL));
    arg.buf = &ds;
    CHECK_EQ(semctl(s, 0, IPC_STAT, arg), 0, "IPC_STAT");
    printf("sem nsems %lu mode %o\n", (unsigned long)ds.sem_nsems,
           ds.sem_perm.mode & 0777);
    CHECK_EQ(semctl(s, 0, IPC_RMID), 0, "IPC_RMID");
}

static void test_shm(void)
{
    int id = shmget(IPC_PRIVATE, 10000, IPC_CREAT | 0600);
    struct shmid_ds ds;
    char *p;
    pid_t pid;
    int status;

    CHECK(id >= 0, "shmget: %d", errno);
    p = shmat(id, NULL, 0);
    CHECK(p != (void *)-1, "shmat: %d", errno);
    if (p == (void *)-1) {
        return;
    }
    strcpy(p, "parent");
    strcpy(p + 9000, "far end");
    CHECK_EQ(shmctl(id, IPC_STAT, &ds), 0, "shmctl IPC_STAT");
    printf("shm size %zu nattch %lu\n", (size_t)ds.shm_segsz,
           (unsigned long)ds.shm_nattch);
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        /* The child shares the segment: its write is seen by the parent. */
        strcpy(p, "child was here");
        _exit(0);
    }
    waitpid(pid, &status, 0);
    printf("after child: %s / %s\n", p, p + 9000);
    {
        /* A second, read-only attachment sees the same bytes. */
        char *q = shmat(id, NULL, SHM_RDONLY);
        CHECK(q != (void *)-1 && q != p, "second shmat");
        if (q != (void *)-1) {
            printf("second view: %s\n", q);
            CHECK_EQ(shmdt(q), 0, "shmdt second");
        }
    }
    CHECK_EQ(shmdt(p), 0, "shmdt");
    CHECK_EQ(shmdt(p), -1, "shmdt twice");
    printf("shmdt twice errno %d\n", errno);
    CHECK_EQ(shmctl(id, IPC_RMID, NULL), 0, "shmctl IPC_RMID");
}

static void test_mq(void)
{
    char name[64];
    struct mq_attr attr = { 0 }, got;
    char buf[64] = { 0 };
    unsigned prio = 0;
    mqd_t q;

    snprintf(name, sizeof(name), "/vemu-sc-mq-%d", (int)getpid());
    attr.mq_maxmsg = 4;
    attr.mq_msgsize = 32;
    q = mq_open(name, O_RDWR | O_CREAT | O_EXCL, 0600, &attr);
    CHECK(q != (mqd_t)-1, "mq_open: %d", errno);
    if (q == (mqd_t)-1) {
        return;
    }
    CHECK_EQ(mq_send(q, "low", 4, 1), 0, "mq_send low");
    CHECK_EQ(mq_send(q, "high", 5, 7), 0, "mq_send high");
    CHECK_EQ(mq_getattr(q, &got), 0, "mq_getattr");
    printf("mq maxmsg %ld msgsize %ld curmsgs %ld\n", got.mq_maxmsg,
           got.mq_msgsize, got.mq_curmsgs);
    CHECK_EQ(mq_receive(q, buf, sizeof(buf), &prio), 5, "mq_receive");
    printf("mq first %s prio %u\n", buf, prio);
    CHECK_EQ(mq_receive(q, buf, sizeof(buf), &prio), 4, "mq_receive 2");
    printf("mq second %s prio %u\n", buf, prio);
    {
        struct timespec ts = { 0, 0 };
        CHECK_EQ(mq_timedreceive(q, buf, sizeof(buf), NULL, &ts), -1,
                 "mq empty");
        printf("mq empty errno %d\n", errno);
    }
    CHECK_EQ(mq_close(q), 0, "mq_close");
    CHECK_EQ(mq_unlink(name), 0, "mq_unlink");
    CHECK_EQ(mq_unlink(name), -1, "mq_unlink again");
    printf("mq_unlink again errno %d\n", errno);
}

int main(void)
{
    test_mq();
    test_msg();
    test_sem();
    test_shm();
    return guest_done();
}
