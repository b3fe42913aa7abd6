using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Text;
using CanaryFlow.Controller.Tests.Infrastructure.Prometheus;

namespace CanaryFlow.Controller.Tests.Git;

/// <summary>
/// A real OpenSSH server on 127.0.0.1 (a free port) that serves Git over SSH, as a Git host with deploy keys does:
/// <c>/usr/sbin/sshd -D -e</c> with its own config, host key and authorized_keys in a temporary directory, public-key
/// authentication only. It runs as the current user, and a non-root sshd can only log in the user running it, so URLs
/// name that user and an absolute path: git runs <c>git-upload-pack</c>/<c>git-receive-pack</c> on it through the
/// user's shell. Disposing kills it (with any connection it forked); an <see cref="OrphanGuard"/> kills it if the test
/// host dies first, and <see cref="ChildProcessRegistry"/> lets tests/run-all.sh kill it by id.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class SshGitServer : IAsyncDisposable
{
    public const string Binary = "/usr/sbin/sshd";

    private static readonly TimeSpan _startupLimit = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan _probeInterval = TimeSpan.FromMilliseconds(50);

    private readonly DirectoryInfo _directory;
    private readonly Process _process;
    private readonly OrphanGuard _guard;
    private readonly StringBuilder _output;

    private SshGitServer(DirectoryInfo directory, Process process, StringBuilder output, int port, string hostPublicKey)
    {
        _directory = directory;
        _process = process;
        _output = output;
        _guard = OrphanGuard.Watch(process);
        Port = port;
        HostPublicKey = hostPublicKey;
    }

    public int Port { get; }

    /// <summary>The user sshd logs in: the one running the tests.</summary>
    public static string User => Environment.UserName;

    /// <summary>The server's host key, <c>ssh-ed25519 AAAA…</c>.</summary>
    public string HostPublicKey { get; }

    /// <summary>The known_hosts line for this server: on a port other than 22, OpenSSH names the host <c>[host]:port</c>.</summary>
    public string KnownHostsLine => $"[127.0.0.1]:{Port} {HostPublicKey}";

    /// <summary>What sshd logged so far (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts sshd accepting exactly <paramref name="authorizedPublicKey"/> and returns once it answers SSH.</summary>
    public static async Task<SshGitServer> StartAsync(string authorizedPublicKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(authorizedPublicKey);
        if (!File.Exists(Binary))
        {
            // Fail, never skip: tests/run-all.sh installs it; elsewhere the message says how.
            throw new InvalidOperationException($"{Binary} is missing: apt-get install -y --no-install-recommends openssh-server (tests/run-all.sh does it)");
        }

        EnsurePrivilegeSeparationDirectory();
        var directory = Directory.CreateTempSubdirectory("canaryflow-sshd-");
        try
        {
            var hostKey = await SshKeyPair.GenerateAsync(directory.FullName, "host_ed25519", cancellationToken);
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "authorized_keys"), authorizedPublicKey.Trim() + "\n", cancellationToken);
            for (var attempt = 1; ; attempt++)
            {
                // The port is picked before sshd binds it; another process can take it in between, so retry then.
                var port = FreePort.Next();
                var config = WriteConfig(directory.FullName, port);
                var output = new StringBuilder();
                var process = Start(config, output);
                var server = new SshGitServer(directory, process, output, port, hostKey.PublicKeyWithoutComment);
                try
                {
                    await server.WaitUntilAnsweringAsync(cancellationToken);
                    return server;
                }
                catch (InvalidOperationException) when (attempt < 3 && server.Output.Contains("Address already in use", StringComparison.Ordinal))
                {
                    await server.StopAsync();
                }
                catch
                {
                    await server.StopAsync();
                    throw;
                }
            }
        }
        catch
        {
            directory.Delete(recursive: true);
            throw;
        }
    }

    /// <summary>The ssh:// URL of a repository on this machine, by its absolute path.</summary>
    public string Url(string absolutePath) => $"ssh://{User}@127.0.0.1:{Port}{absolutePath}";

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            _directory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temporary directory left behind is harmless.
        }
    }

    private static void EnsurePrivilegeSeparationDirectory()
    {
        // sshd started by root insists on its privilege separation directory, which only the ssh service's start
        // creates (and containers do not run services). sshd started by anyone else does not use it.
        if (Environment.IsPrivilegedProcess && !Directory.Exists("/run/sshd"))
        {
            Directory.CreateDirectory("/run/sshd", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }
    }

    private static string WriteConfig(string directory, int port)
    {
        var path = Path.Combine(directory, "sshd_config");
        // StrictModes no: the temporary directory's owner and modes are not what sshd expects of a home directory.
        // PermitRootLogin prohibit-password (the default, said explicitly): a root test run logs in root by key.
        File.WriteAllText(path, $"""
            ListenAddress 127.0.0.1
            Port {port}
            HostKey {Path.Combine(directory, "host_ed25519")}
            AuthorizedKeysFile {Path.Combine(directory, "authorized_keys")}
            PidFile {Path.Combine(directory, "sshd.pid")}
            PubkeyAuthentication yes
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            UsePAM no
            StrictModes no
            PermitRootLogin prohibit-password
            AllowUsers {User}

            """);
        return path;
    }

    private static Process Start(string config, StringBuilder output)
    {
        // -D: stay in the foreground (a child we can kill); -e: log to stderr, which we keep for failure messages.
        var start = new ProcessStartInfo(Binary) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in (string[])["-D", "-e", "-f", config])
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{Binary} did not start");
        void Append(string? line)
        {
            if (line is not null)
            {
                lock (output)
                {
                    output.AppendLine(line);
                }
            }
        }

        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        ChildProcessRegistry.Add(process, Binary);
        return process;
    }

    // Ready once the port sends the SSH identification line: a connection alone could be another process's listener.
    private async Task WaitUntilAnsweringAsync(CancellationToken cancellationToken)
    {
        var elapsed = Stopwatch.StartNew();
        var last = "no answer yet";
        while (elapsed.Elapsed < _startupLimit)
        {
            if (_process.HasExited)
            {
                await _process.WaitForExitAsync(cancellationToken);
                throw new InvalidOperationException($"sshd exited with code {_process.ExitCode} while starting:\n{Output}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port, cancellationToken);
                using var reader = new StreamReader(client.GetStream(), Encoding.ASCII);
                using var probe = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                probe.CancelAfter(TimeSpan.FromSeconds(5));
                var banner = await reader.ReadLineAsync(probe.Token);
                if (banner?.StartsWith("SSH-2.0-", StringComparison.Ordinal) == true)
                {
                    return;
                }

                last = $"answered \"{banner}\"";
            }
            catch (SocketException e)
            {
                last = e.Message;
            }
            catch (IOException e)
            {
                last = e.Message;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                last = "no identification line within 5 s";
            }

            await Task.Delay(_probeInterval, cancellationToken);
        }

        throw new InvalidOperationException($"sshd did not answer on port {Port} within {_startupLimit} (last probe: {last}):\n{Output}");
    }

    private async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            // The tree: sshd forks a child per connection, which must not outlive the test either.
            _process.Kill(entireProcessTree: true);
        }

        // Not cancellable: returning before sshd is gone would leave it behind.
        await _process.WaitForExitAsync(CancellationToken.None);
        ChildProcessRegistry.Remove(_process.Id);
        _guard.Dispose();
        _process.Dispose();
    }
}
