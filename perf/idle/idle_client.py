# Client half of idle-cpu.sh: see there. Arguments: PORT PID LABEL.
# 1000 requests, 10 s idle (CPU of PID from /proc, per thread), then 5 x (2 s idle, first request, 9 more).
import sys, time, zmq, os
port, pid, label = sys.argv[1], sys.argv[2], sys.argv[3]
ctx = zmq.Context(); s = ctx.socket(zmq.REQ); s.connect("tcp://127.0.0.1:%s" % port)
def rt():
    t = time.perf_counter(); s.send(b"x" * 64); s.recv(); return (time.perf_counter() - t) * 1e6
for _ in range(1000): rt()
def ticks(path):
    f = open(path).read().split(")")[1].split(); return int(f[11]) + int(f[12])
def threads():
    out = {}
    for t in os.listdir("/proc/%s/task" % pid):
        try:
            name = open("/proc/%s/task/%s/comm" % (pid, t)).read().strip()
            out[t] = (name, ticks("/proc/%s/task/%s/stat" % (pid, t)))
        except OSError: pass
    return out
time.sleep(1)
c0 = ticks("/proc/%s/stat" % pid); th0 = threads(); t0 = time.time(); time.sleep(10)
c1 = ticks("/proc/%s/stat" % pid); th1 = threads(); t1 = time.time()
busy = sorted(((th1[t][1] - th0[t][1], th1[t][0]) for t in th1 if t in th0), reverse=True)[:4]
firsts, tenths = [], []
for _ in range(5):
    time.sleep(2); firsts.append(rt()); tenths.append([rt() for _ in range(9)][-1])
med = lambda v: sorted(v)[len(v) // 2]
print("%s: idle CPU %.2f%% of one core over %.1f s (busiest threads, ticks of 10 ms: %s); first request after "
      "2 s idle median %.0f us, tenth %.0f us" % (label, 100.0 * (c1 - c0) / 100 / (t1 - t0), t1 - t0,
      ", ".join("%s %d" % (n, d) for d, n in busy), med(firsts), med(tenths)))
