/* SPDX-License-Identifier: MIT */
/* Benchmark: double-precision n-body simulation plus a mandelbrot kernel. */
#include <math.h>
#include <stdio.h>

#define NB 5

typedef struct {
    double x, y, z, vx, vy, vz, m;
} Body;

static double energy(const Body *b)
{
    double e = 0;

    for (int i = 0; i < NB; i++) {
        e += 0.5 * b[i].m * (b[i].vx * b[i].vx + b[i].vy * b[i].vy +
                             b[i].vz * b[i].vz);
        for (int j = i + 1; j < NB; j++) {
            double dx = b[i].x - b[j].x, dy = b[i].y - b[j].y;
            double dz = b[i].z - b[j].z;
            e -= b[i].m * b[j].m / sqrt(dx * dx + dy * dy + dz * dz);
        }
    }
    return e;
}

static void advance(Body *b, double dt)
{
    for (int i = 0; i < NB; i++) {
        for (int j = i + 1; j < NB; j++) {
            double dx = b[i].x - b[j].x, dy = b[i].y - b[j].y;
            double dz = b[i].z - b[j].z;
            double d2 = dx * dx + dy * dy + dz * dz;
            double mag = dt / (d2 * sqrt(d2));
            b[i].vx -= dx * b[j].m * mag;
            b[i].vy -= dy * b[j].m * mag;
            b[i].vz -= dz * b[j].m * mag;
            b[j].vx += dx * b[i].m * mag;
            b[j].vy += dy * b[i].m * mag;
            b[j].vz += dz * b[i].m * mag;
        }
    }
    for (int i = 0; i < NB; i++) {
        b[i].x += dt * b[i].vx;
        b[i].y += dt * b[i].vy;
        b[i].z += dt * b[i].vz;
    }
}

static long mandelbrot(int w, int h, int iters)
{
    long inside = 0;

    for (int py = 0; py < h; py++) {
        for (int px = 0; px < w; px++) {
            double cr = -2.0 + 3.0 * px / w, ci = -1.5 + 3.0 * py / h;
            double zr = 0, zi = 0;
            int k = 0;
            while (k < iters && zr * zr + zi * zi <= 4.0) {
                double t = zr * zr - zi * zi + cr;
                zi = 2 * zr * zi + ci;
                zr = t;
                k++;
            }
            inside += k;
        }
    }
    return inside;
}

int main(void)
{
    const double pi = 3.141592653589793, days = 365.24;
    const double sm = 4 * pi * pi;
    Body b[NB] = {
        { 0, 0, 0, 0, 0, 0, sm },
        { 4.84143144246472090e+00, -1.16032004402742839e+00,
          -1.03622044471123109e-01, 1.66007664274403694e-03 * days,
          7.69901118419740425e-03 * days, -6.90460016972063023e-05 * days,
          9.54791938424326609e-04 * sm },
        { 8.34336671824457987e+00, 4.12479856412430479e+00,
          -4.03523417114321381e-01, -2.76742510726862411e-03 * days,
          4.99852801234917238e-03 * days, 2.30417297573763929e-05 * days,
          2.85885980666130812e-04 * sm },
        { 1.28943695621391310e+01, -1.51111514016986312e+01,
          -2.23307578892655734e-01, 2.96460137564761618e-03 * days,
          2.37847173959480950e-03 * days, -2.96589568540237556e-05 * days,
          4.36624404335156298e-05 * sm },
        { 1.53796971148509165e+01, -2.59193146099879641e+01,
          1.79258772950371181e-01, 2.68067772490389322e-03 * days,
          1.62824170038242295e-03 * days, -9.51592254519715870e-05 * days,
          5.15138902046611451e-05 * sm },
    };
    double px = 0, py = 0, pz = 0;

    for (int i = 0; i < NB; i++) {
        px += b[i].vx * b[i].m;
        py += b[i].vy * b[i].m;
        pz += b[i].vz * b[i].m;
    }
    b[0].vx = -px / sm;
    b[0].vy = -py / sm;
    b[0].vz = -pz / sm;
    printf("nbody energy before: %.9f\n", energy(b));
    for (int i = 0; i < 500000; i++) {
        advance(b, 0.01);
    }
    printf("nbody energy after:  %.9f\n", energy(b));
    printf("mandelbrot: %ld\n", mandelbrot(400, 300, 200));
    return 0;
}
