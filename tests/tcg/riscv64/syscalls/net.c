/* SPDX-License-Identifier: MIT */
/* Loopback networking: TCP/UDP over 127.0.0.1, interface ioctls. */
#include "../guest.h"

#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

static void test_tcp(void)
{
    struct sockaddr_in a;
    socklen_t len = sizeof(a);
    int ls = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int cs, as, one = 1, got = 0;
    char buf[16] = { 0 };

    CHECK(ls >= 0, "socket: %d", errno);
    CHECK_EQ(setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)), 0,
             "SO_REUSEADDR");
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    CHECK_EQ(bind(ls, (struct sockaddr *)&a, sizeof(a)), 0, "bind");
    CHECK_EQ(listen(ls, 1), 0, "listen");
    CHECK_EQ(getsockname(ls, (struct sockaddr *)&a, &len), 0, "getsockname");
    printf("bound to %s, port assigned %d, len %u\n", inet_ntoa(a.sin_addr),
           ntohs(a.sin_port) != 0, (unsigned)len);
    cs = socket(AF_INET, SOCK_STREAM, 0);
    CHECK_EQ(connect(cs, (struct sockaddr *)&a, sizeof(a)), 0, "connect");
    as = accept(ls, NULL, NULL);
    CHECK(as >= 0, "accept: %d", errno);
    CHECK_EQ(setsockopt(cs, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)), 0,
             "TCP_NODELAY");
    len = sizeof(got);
    CHECK_EQ(getsockopt(cs, IPPROTO_TCP, TCP_NODELAY, &got, &len), 0,
             "get TCP_NODELAY");
    printf("nodelay %d\n", got != 0);
    CHECK_EQ(send(cs, "tcp!", 4, MSG_NOSIGNAL), 4, "send");
    CHECK_EQ(recv(as, buf, sizeof(buf), 0), 4, "recv");
    printf("tcp got %s\n", buf);
    close(as);
    close(cs);
    close(ls);
    errno = 0;
    cs = socket(AF_INET, SOCK_STREAM, 0);
    CHECK_EQ(connect(cs, (struct sockaddr *)&a, sizeof(a)), -1,
             "connect refused");
    printf("connect to closed port errno %d\n", errno);
    close(cs);
}

static void test_udp(void)
{
    struct sockaddr_in a, from;
    socklen_t len = sizeof(a), flen = sizeof(from);
    int s1 = socket(AF_INET, SOCK_DGRAM, 0), s2 = socket(AF_INET, SOCK_DGRAM, 0);
    char buf[16] = { 0 };

    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    CHECK_EQ(bind(s1, (struct sockaddr *)&a, sizeof(a)), 0, "bind udp");
    CHECK_EQ(getsockname(s1, (struct sockaddr *)&a, &len), 0, "getsockname");
    CHECK_EQ(sendto(s2, "udp", 3, 0, (struct sockaddr *)&a, sizeof(a)), 3,
             "sendto");
    CHECK_EQ(recvfrom(s1, buf, sizeof(buf), 0, (struct sockaddr *)&from,
                      &flen), 3, "recvfrom");
    printf("udp got %s from %s len %u\n", buf, inet_ntoa(from.sin_addr),
           (unsigned)flen);
    close(s1);
    close(s2);
}

static void test_ifaces(void)
{
    int s = socket(AF_INET, SOCK_DGRAM, 0);
    struct ifreq reqs[32];
    struct ifconf conf;
    struct ifreq r;
    int found_lo = 0;

    conf.ifc_len = sizeof(reqs);
    conf.ifc_req = reqs;
    CHECK_EQ(ioctl(s, SIOCGIFCONF, &conf), 0, "SIOCGIFCONF");
    for (int i = 0; i < conf.ifc_len / (int)sizeof(struct ifreq); i++) {
        if (!strcmp(reqs[i].ifr_name, "lo")) {
            struct sockaddr_in *sin = (struct sockaddr_in *)&reqs[i].ifr_addr;
            found_lo = 1;
            printf("lo address %s\n", inet_ntoa(sin->sin_addr));
        }
    }
    printf("SIOCGIFCONF lists lo %d\n", found_lo);
    memset(&r, 0, sizeof(r));
    strcpy(r.ifr_name, "lo");
    CHECK_EQ(ioctl(s, SIOCGIFFLAGS, &r), 0, "SIOCGIFFLAGS");
    printf("lo is loopback %d\n", !!(r.ifr_flags & IFF_LOOPBACK));
    CHECK_EQ(ioctl(s, SIOCGIFINDEX, &r), 0, "SIOCGIFINDEX");
    printf("lo index matches if_nametoindex %d\n",
           r.ifr_ifindex == (int)if_nametoindex("lo"));
    strcpy(r.ifr_name, "nosuchif0");
    CHECK_EQ(ioctl(s, SIOCGIFINDEX, &r), -1, "missing interface");
    printf("missing interface errno %d\n", errno);
    close(s);
}

int main(void)
{
    test_tcp();
    test_udp();
    test_ifaces();
    return guest_done();
}
