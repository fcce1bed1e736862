/* SPDX-License-Identifier: MIT */
/* Sockets: socketpair, SCM_RIGHTS, AF_UNIX listen/accept, mmsg, options. */
#include "../guest.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

static void test_pair_and_rights(void)
{
    int sv[2], p[2];
    char buf[32] = { 0 };
    struct msghdr m;
    struct iovec iov;
    union {
        struct cmsghdr c;
        char space[CMSG_SPACE(sizeof(int))];
    } ctl;
    struct cmsghdr *c;
    int got_fd = -1;

    CHECK_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv), 0,
             "socketpair");
    CHECK_EQ(send(sv[0], "ping", 4, 0), 4, "send");
    CHECK_EQ(recv(sv[1], buf, sizeof(buf), 0), 4, "recv");
    printf("recv: %s\n", buf);

    /* Pass a pipe's read end across and read through the received fd. */
    CHECK_EQ(pipe(p), 0, "pipe");
    memset(&m, 0, sizeof(m));
    iov.iov_base = "F";
    iov.iov_len = 1;
    m.msg_iov = &iov;
    m.msg_iovlen = 1;
    m.msg_control = ctl.space;
    m.msg_controllen = sizeof(ctl.space);
    c = CMSG_FIRSTHDR(&m);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(c), &p[0], sizeof(int));
    CHECK_EQ(sendmsg(sv[0], &m, 0), 1, "sendmsg");

    memset(&m, 0, sizeof(m));
    memset(&ctl, 0, sizeof(ctl));
    iov.iov_base = buf;
    iov.iov_len = sizeof(buf);
    m.msg_iov = &iov;
    m.msg_iovlen = 1;
    m.msg_control = ctl.space;
    m.msg_controllen = sizeof(ctl.space);
    CHECK_EQ(recvmsg(sv[1], &m, 0), 1, "recvmsg");
    c = CMSG_FIRSTHDR(&m);
    CHECK(c && c->cmsg_type == SCM_RIGHTS, "SCM_RIGHTS received");
    if (c) {
        memcpy(&got_fd, CMSG_DATA(c), sizeof(int));
    }
    printf("controllen %zu flags %d new fd differs %d\n",
           (size_t)m.msg_controllen, m.msg_flags, got_fd != p[0]);
    CHECK_EQ(write(p[1], "via-passed-fd", 13), 13, "write pipe");
    memset(buf, 0, sizeof(buf));
    CHECK_EQ(read(got_fd, buf, sizeof(buf)), 13, "read passed fd");
    printf("read: %s\n", buf);
    close(got_fd);
    close(p[0]);
    close(p[1]);

    {
        int type = 0;
        socklen_t len = sizeof(type);
        CHECK_EQ(getsockopt(sv[0], SOL_SOCKET, SO_TYPE, &type, &len), 0,
                 "getsockopt");
        printf("SO_TYPE %d len %u\n", type, (unsigned)len);
        int sz = 65536;
        CHECK_EQ(setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &sz, sizeof(sz)),
                 0, "setsockopt");
    }
    CHECK_EQ(shutdown(sv[0], SHUT_WR), 0, "shutdown");
    CHECK_EQ(recv(sv[1], buf, sizeof(buf), 0), 0, "eof after shutdown");
    close(sv[0]);
    close(sv[1]);
}

static void test_mmsg(void)
{
    int sv[2];
    struct mmsghdr out[3], in[3];
    struct iovec oiov[3], iiov[3];
    char ibuf[3][8];
    const char *words[3] = { "one", "two", "three" };

    CHECK_EQ(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv), 0, "dgram pair");
    memset(out, 0, sizeof(out));
    memset(in, 0, sizeof(in));
    memset(ibuf, 0, sizeof(ibuf));
    for (int i = 0; i < 3; i++) {
        oiov[i].iov_base = (void *)words[i];
        oiov[i].iov_len = strlen(words[i]);
        out[i].msg_hdr.msg_iov = &oiov[i];
        out[i].msg_hdr.msg_iovlen = 1;
        iiov[i].iov_base = ibuf[i];
        iiov[i].iov_len = sizeof(ibuf[i]) - 1;
        in[i].msg_hdr.msg_iov = &iiov[i];
        in[i].msg_hdr.msg_iovlen = 1;
    }
    CHECK_EQ(sendmmsg(sv[0], out, 3, 0), 3, "sendmmsg");
    printf("sent lens %u %u %u\n", out[0].msg_len, out[1].msg_len,
           out[2].msg_len);
    CHECK_EQ(recvmmsg(sv[1], in, 3, MSG_DONTWAIT, NULL), 3, "recvmmsg");
    printf("received %s/%u %s/%u %s/%u\n", ibuf[0], in[0].msg_len, ibuf[1],
           in[1].msg_len, ibuf[2], in[2].msg_len);
    CHECK_EQ(recv(sv[1], ibuf[0], 4, MSG_DONTWAIT), -1, "empty");
    printf("empty dgram errno %d\n", errno);
    close(sv[0]);
    close(sv[1]);
}

static void test_listen_accept(void)
{
    char dir[64] = "/tmp/vemu-sc-sock-XXXXXX";
    struct sockaddr_un addr, peer;
    socklen_t plen = sizeof(peer);
    int ls, cs, as;
    char buf[16] = { 0 };

    CHECK(mkdtemp(dir) != NULL, "mkdtemp");
    memset(&addr, 0, sizeof(addr));
    addr.sun_family = AF_UNIX;
    snprintf(addr.sun_path, sizeof(addr.sun_path), "%s/s", dir);
    ls = socket(AF_UNIX, SOCK_STREAM, 0);
    CHECK(ls >= 0, "socket");
    CHECK_EQ(bind(ls, (struct sockaddr *)&addr, sizeof(addr)), 0, "bind");
    CHECK_EQ(listen(ls, 4), 0, "listen");
    {
        struct sockaddr_un name;
        socklen_t nlen = sizeof(name);
        CHECK_EQ(getsockname(ls, (struct sockaddr *)&name, &nlen), 0,
                 "getsockname");
        printf("getsockname path matches %d\n",
               !strcmp(name.sun_path, addr.sun_path));
    }
    cs = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);
    CHECK_EQ(connect(cs, (struct sockaddr *)&addr, sizeof(addr)), 0,
             "connect");
    as = accept4(ls, (struct sockaddr *)&peer, &plen, SOCK_CLOEXEC);
    CHECK(as >= 0, "accept4 %d", errno);
    printf("peer family %d cloexec %d nonblock client %d\n",
           peer.sun_family, fcntl(as, F_GETFD) & FD_CLOEXEC,
           !!(fcntl(cs, F_GETFL) & O_NONBLOCK));
    CHECK_EQ(sendto(cs, "hi!", 3, 0, NULL, 0), 3, "sendto");
    CHECK_EQ(recvfrom(as, buf, sizeof(buf), 0, NULL, NULL), 3, "recvfrom");
    printf("accepted got %s\n", buf);
    {
        struct ucred cr;
        socklen_t len = sizeof(cr);
        CHECK_EQ(getsockopt(as, SOL_SOCKET, SO_PEERCRED, &cr, &len), 0,
                 "SO_PEERCRED");
        printf("peer pid is us %d\n", cr.pid == getpid());
    }
    CHECK_EQ(getpeername(cs, (struct sockaddr *)&peer, &plen), 0,
             "getpeername");
    close(as);
    close(cs);
    close(ls);
    unlink(addr.sun_path);
    rmdir(dir);
    errno = 0;
    CHECK_EQ(socket(12345, SOCK_STREAM, 0), -1, "bad family");
    printf("bad family errno %d\n", errno);
}

int main(void)
{
    test_pair_and_rights();
    test_mmsg();
    test_listen_accept();
    return guest_done();
}
