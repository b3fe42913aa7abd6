using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CanaryFlow.Controller.Tests.Git;

/// <summary>
/// A Git smart-HTTP server on 127.0.0.1 (a free port): Kestrel in front of the real <c>git http-backend</c> run as a
/// CGI program, behind HTTP basic auth, as a Git host with a token is. Every repository under the project root is
/// served (<c>GIT_HTTP_EXPORT_ALL</c>); pushes need <c>http.receivepack</c> in the repository.
/// </summary>
public sealed class GitHttpBackendServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<string> _authenticatedUsers;
    private int _rejected;

    private GitHttpBackendServer(WebApplication app, ConcurrentQueue<string> authenticatedUsers, Uri baseUrl)
    {
        _app = app;
        _authenticatedUsers = authenticatedUsers;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    /// <summary>The user of every request that passed basic auth.</summary>
    public IReadOnlyList<string> AuthenticatedUsers => [.. _authenticatedUsers];

    /// <summary>Requests answered 401 (no or wrong credentials).</summary>
    public int Rejected => Volatile.Read(ref _rejected);

    public static async Task<GitHttpBackendServer> StartAsync(string projectRoot, string username, string password)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var users = new ConcurrentQueue<string>();
        var backend = Path.Combine(GitTestRepository.Run(projectRoot, "--exec-path").Trim(), "git-http-backend");
        GitHttpBackendServer? server = null;
        app.Run(async context =>
        {
            if (!Authorized(context.Request, username, password))
            {
                Interlocked.Increment(ref server!._rejected);
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"git\"";
                return;
            }

            users.Enqueue(username);
            await RunCgiAsync(context, backend, projectRoot, username);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server = new GitHttpBackendServer(app, users, new Uri(address + "/"));
        return server;
    }

    /// <summary>The URL of a repository under the project root, e.g. <c>origin.git</c>.</summary>
    public string Url(string repository) => new Uri(BaseUrl, repository).ToString();

    /// <summary>Lets <c>git http-backend</c> accept pushes into a bare repository (it refuses them by default).</summary>
    public static void EnablePush(string bareRepository) => GitTestRepository.Run(bareRepository, "config", "http.receivepack", "true");

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static bool Authorized(HttpRequest request, string username, string password)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) || header.Parameter is null)
        {
            return false;
        }

        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter)) == $"{username}:{password}";
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static async Task RunCgiAsync(HttpContext context, string backend, string projectRoot, string user)
    {
        var request = context.Request;
        var start = new ProcessStartInfo(backend)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var environment = start.Environment;
        environment["GIT_PROJECT_ROOT"] = projectRoot;
        environment["GIT_HTTP_EXPORT_ALL"] = "1";
        environment["GIT_CONFIG_NOSYSTEM"] = "1";
        environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        environment["GATEWAY_INTERFACE"] = "CGI/1.1";
        environment["REMOTE_USER"] = user;
        environment["REMOTE_ADDR"] = context.Connection.RemoteIpAddress?.ToString() ?? "127.0.0.1";
        environment["REQUEST_METHOD"] = request.Method;
        environment["QUERY_STRING"] = request.QueryString.HasValue ? request.QueryString.Value![1..] : "";
        environment["PATH_INFO"] = request.Path.Value ?? "/";
        environment["CONTENT_TYPE"] = request.ContentType ?? "";
        // Without a length (a chunked push) http-backend reads the body until end of input.
        if (request.ContentLength is { } length)
        {
            environment["CONTENT_LENGTH"] = length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        else
        {
            environment.Remove("CONTENT_LENGTH");
        }

        if (request.Headers.ContentEncoding.Count > 0)
        {
            environment["HTTP_CONTENT_ENCODING"] = request.Headers.ContentEncoding.ToString();
        }

        if (request.Headers.TryGetValue("Git-Protocol", out var protocol))
        {
            environment["GIT_PROTOCOL"] = protocol.ToString();
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync(context.RequestAborted);
        // The body goes in while the answer comes out: a large push would otherwise fill one pipe and stall both.
        var input = Task.Run(async () =>
        {
            await request.Body.CopyToAsync(process.StandardInput.BaseStream, context.RequestAborted);
            process.StandardInput.Close();
        }, context.RequestAborted);
        var output = new BufferedStream(process.StandardOutput.BaseStream);
        var status = StatusCodes.Status200OK;
        while (await ReadLineAsync(output, context.RequestAborted) is { Length: > 0 } line)
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (name.Equals("Status", StringComparison.OrdinalIgnoreCase))
            {
                status = int.Parse(value.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            }
            else
            {
                context.Response.Headers.Append(name, value);
            }
        }

        context.Response.StatusCode = status;
        await output.CopyToAsync(context.Response.Body, context.RequestAborted);
        await input;
        await process.WaitForExitAsync(context.RequestAborted);
        _ = await stderr;
    }

    // A CGI header line, without its CR LF (or LF); empty at the blank line that ends the headers or at end of output.
    private static async Task<string> ReadLineAsync(Stream stream, CancellationToken cancellationToken)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (await stream.ReadAsync(one, cancellationToken) == 1 && one[0] != (byte)'\n')
        {
            bytes.Add(one[0]);
        }

        return Encoding.ASCII.GetString([.. bytes]).TrimEnd('\r');
    }
}
