using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Omnichannel.Bench;

/// <summary>What the numbers were measured on.</summary>
public sealed record MachineInfo(int Cores, string Cpu, long MemoryMiB, string Os, string Runtime, string Commit, long FileDescriptorLimit, DateTime At)
{
    public static MachineInfo Read(string repoRoot) => new(
        Environment.ProcessorCount,
        ReadCpuModel(),
        ReadMemTotalKiB() / 1024,
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        GitCommit(repoRoot),
        Limits.OpenFiles(),
        DateTime.UtcNow);

    private static string ReadCpuModel()
    {
        try
        {
            return File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static long ReadMemTotalKiB()
    {
        try
        {
            var line = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException)
        {
            return GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1024;
        }
    }

    private static string GitCommit(string repoRoot)
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", "rev-parse --short HEAD")
            {
                WorkingDirectory = repoRoot, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            })!;
            var sha = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            if (git.ExitCode != 0 || sha.Length == 0)
                return "unknown";
            using var status = Process.Start(new ProcessStartInfo("git", "status --porcelain --untracked-files=no")
            {
                WorkingDirectory = repoRoot, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            })!;
            var dirty = status.StandardOutput.ReadToEnd().Trim().Length > 0;
            status.WaitForExit();
            return dirty ? sha + "+dirty" : sha;
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return "unknown";
        }
    }
}

/// <summary>File-descriptor limit: 10,000 connections need more than the usual 1,024 (one descriptor per socket on each side).</summary>
public static partial class Limits
{
    private const int RlimitNofile = 7;

    [StructLayout(LayoutKind.Sequential)]
    private struct RLimit
    {
        public ulong Current;
        public ulong Max;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int getrlimit(int resource, out RLimit limit);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setrlimit(int resource, in RLimit limit);

    /// <summary>Raises the soft limit to the hard limit (as `ulimit -n hard` would); child processes inherit it.</summary>
    public static long RaiseOpenFiles()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
            return -1;
        try
        {
            if (getrlimit(RlimitNofile, out var limit) != 0)
                return -1;
            if (limit.Current < limit.Max)
            {
                var raised = new RLimit { Current = limit.Max, Max = limit.Max };
                if (setrlimit(RlimitNofile, raised) == 0)
                    limit = raised;
            }
            return (long)Math.Min(limit.Current, long.MaxValue);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return -1;
        }
    }

    public static long OpenFiles()
    {
        try
        {
            return getrlimit(RlimitNofile, out var limit) == 0 ? (long)Math.Min(limit.Current, long.MaxValue) : -1;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return -1;
        }
    }
}

/// <summary>CPU time and memory of a process from /proc (Linux).</summary>
public readonly record struct ProcessSample(double CpuSeconds, long RssBytes, long PeakRssBytes, long Timestamp)
{
    public static ProcessSample Of(int pid)
    {
        double cpu = 0;
        long rss = 0, peak = 0;
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // utime and stime are fields 14 and 15 of stat; after the ")" the first field is 3 (state).
            cpu = (double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture)) / ClockTicks;
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    rss = KiB(line) * 1024;
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    peak = KiB(line) * 1024;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
        }
        return new ProcessSample(cpu, rss, peak, Stopwatch.GetTimestamp());
    }

    private const double ClockTicks = 100;

    /// <summary>Several processes as one (the nodes of a cluster): CPU and memory added up.</summary>
    public static ProcessSample Sum(IEnumerable<ProcessSample> samples)
    {
        var all = samples.ToList();
        return new ProcessSample(all.Sum(s => s.CpuSeconds), all.Sum(s => s.RssBytes), all.Sum(s => s.PeakRssBytes), Stopwatch.GetTimestamp());
    }

    private static long KiB(string line) => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

    /// <summary>CPU used between two samples as a percentage of one core (200 % = both cores of a 2-core box).</summary>
    public static double CpuPercent(ProcessSample from, ProcessSample to)
    {
        var seconds = Stopwatch.GetElapsedTime(from.Timestamp, to.Timestamp).TotalSeconds;
        return seconds <= 0 ? 0 : (to.CpuSeconds - from.CpuSeconds) / seconds * 100;
    }
}
