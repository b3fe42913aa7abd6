using System.Diagnostics;
using System.Runtime.Versioning;
using CanaryFlow.Controller.Git;

namespace CanaryFlow.Controller.Tests.Git;

[SupportedOSPlatform("linux")]
public sealed class GitCredentialFilesTests
{
    [Fact]
    public async Task The_askpass_helper_answers_username_and_token_from_private_files_and_is_removed_on_dispose()
    {
        string askpass;
        using (var files = GitCredentialFiles.Write(GitCredentials.HttpsToken("s3cr3t-token", "robot")))
        {
            askpass = files.Environment["GIT_ASKPASS"];
            Assert.DoesNotContain(files.Environment.Values, value => value.Contains("s3cr3t-token", StringComparison.Ordinal));
            Assert.DoesNotContain("s3cr3t-token", await File.ReadAllTextAsync(askpass), StringComparison.Ordinal);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(askpass)!));
            Assert.All(Directory.GetFiles(Path.GetDirectoryName(askpass)!), file => Assert.Equal(UnixFileMode.None, File.GetUnixFileMode(file) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead)));

            Assert.Equal("robot", await RunAsync(askpass, "Username for 'https://git.example.com': "));
            Assert.Equal("s3cr3t-token", await RunAsync(askpass, "Password for 'https://robot@git.example.com': "));
        }

        Assert.False(File.Exists(askpass));
    }

    [Fact]
    public void An_ssh_key_is_used_with_strict_host_checking_against_the_given_known_hosts_only()
    {
        using var files = GitCredentialFiles.Write(GitCredentials.Ssh("-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----", "[127.0.0.1]:2222 ssh-ed25519 AAAA"));

        var command = files.Environment["GIT_SSH_COMMAND"];

        Assert.Contains("StrictHostKeyChecking=yes", command, StringComparison.Ordinal);
        Assert.Contains("BatchMode=yes", command, StringComparison.Ordinal);
        Assert.Contains("GlobalKnownHostsFile=/dev/null", command, StringComparison.Ordinal);
        Assert.DoesNotContain("abc", command, StringComparison.Ordinal);
    }

    [Fact]
    public void Credentials_never_show_their_secrets_when_printed()
    {
        Assert.DoesNotContain("s3cr3t", GitCredentials.HttpsToken("s3cr3t").ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("KEYDATA", GitCredentials.Ssh("KEYDATA", "host key").ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("pw", new GitRemote("https://user:pw@git.example.com/org/repo.git", GitCredentials.None).ToString(), StringComparison.Ordinal);
    }

    private static async Task<string> RunAsync(string executable, string prompt)
    {
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(prompt);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output;
    }
}
