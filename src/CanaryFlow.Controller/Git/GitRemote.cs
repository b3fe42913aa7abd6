namespace CanaryFlow.Controller.Git;

/// <summary>A repository to clone from and push to, with the credentials for it.</summary>
internal sealed record GitRemote(string Url, GitCredentials Credentials)
{
    /// <summary>The URL for logs and messages: any user-info a person wrote into it is dropped.</summary>
    public string DisplayUrl => Redact(Url);

    public static string Redact(string url)
    {
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.UserInfo) && uri.Scheme is "http" or "https")
        {
            return new UriBuilder(uri) { UserName = "", Password = "" }.Uri.ToString();
        }

        return url;
    }

    public override string ToString() => $"GitRemote {{ {DisplayUrl} }}";
}
