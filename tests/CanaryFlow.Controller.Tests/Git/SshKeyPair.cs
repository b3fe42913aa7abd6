using System.Diagnostics;

namespace CanaryFlow.Controller.Tests.Git;

/// <summary>An ed25519 key pair made by the real ssh-keygen (OpenSSH format, no passphrase), as a deploy key is.</summary>
public sealed record SshKeyPair(string PrivateKey, string PublicKey)
{
    private const string _keygen = "/usr/bin/ssh-keygen";

    /// <summary>The base64 lines of the private key: any one of them showing up somewhere means the key leaked.</summary>
    public IReadOnlyList<string> SecretLines =>
        [.. PrivateKey.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(line => !line.StartsWith("-----", StringComparison.Ordinal))];

    /// <summary>The public key without its comment (<c>ssh-ed25519 AAAA…</c>), as known_hosts lines hold it.</summary>
    public string PublicKeyWithoutComment => string.Join(' ', PublicKey.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(2));

    /// <summary>Writes <paramref name="name"/> and <paramref name="name"/>.pub into <paramref name="directory"/> and reads them back.</summary>
    public static async Task<SshKeyPair> GenerateAsync(string directory, string name, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(_keygen))
        {
            // Fail, never skip: a machine without OpenSSH would otherwise pass the SSH tests by not running them.
            throw new InvalidOperationException($"{_keygen} is missing: install openssh-client (tests/run-all.sh installs openssh-server, which needs it)");
        }

        var path = Path.Combine(directory, name);
        var start = new ProcessStartInfo(_keygen) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in (string[])["-q", "-t", "ed25519", "-N", "", "-C", $"canaryflow-test-{name}", "-f", path])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{_keygen} did not start");
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        _ = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ssh-keygen failed with exit code {process.ExitCode}: {await stderr}");
        }

        return new SshKeyPair(await File.ReadAllTextAsync(path, cancellationToken), (await File.ReadAllTextAsync(path + ".pub", cancellationToken)).Trim());
    }
}
