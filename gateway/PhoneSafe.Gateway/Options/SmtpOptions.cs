namespace PhoneSafe.Gateway.Options;

/// <summary>
/// The school's outgoing mail server, used to e-mail parents that the office holds their child's phone (appsettings
/// section "SmtpOptions"). With no <see cref="Host"/> the gateway sends no e-mail and the office uses the export for
/// the school's messaging system instead. Checked at start; the password is never logged or shown.
/// </summary>
public sealed class SmtpOptions
{
    /// <summary>Gets or sets the SMTP server's host name, or null when the gateway sends no e-mail (the default).</summary>
    public string? Host { get; set; }

    /// <summary>Gets or sets the server's port, 1 to 65535 (default 587, message submission).</summary>
    public int Port { get; set; } = 587;

    /// <summary>
    /// Gets or sets how the connection is secured: <c>StartTls</c> (the default; refuses a server that does not offer
    /// it), <c>SslOnConnect</c> (port 465), or <c>None</c> (only for a relay on the same machine or a test server).
    /// </summary>
    public string Security { get; set; } = "StartTls";

    /// <summary>Gets or sets the account to sign in with, or null for a relay that needs none.</summary>
    public string? UserName { get; set; }

    /// <summary>Gets or sets the account's password (keep it in an environment variable or user secrets, not in appsettings.json).</summary>
    public string? Password { get; set; }

    /// <summary>Gets or sets the sender address, such as <c>office@school.example</c> (required with a host).</summary>
    public string? From { get; set; }

    /// <summary>Gets or sets the name shown with the sender address (default "School office").</summary>
    public string FromName { get; set; } = "School office";

    /// <summary>Gets or sets how many times one notice is tried before it is marked failed, 1 to 20 (default 5).</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Gets or sets the wait before the first retry, in seconds, doubled after each failure (default 60, 1 to 3,600).</summary>
    public int RetrySeconds { get; set; } = 60;

    /// <summary>Gets or sets how long one attempt may take, in seconds, 1 to 300 (default 30).</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>The accepted <see cref="Security"/> words.</summary>
    public static readonly IReadOnlyList<string> SecurityModes = ["StartTls", "SslOnConnect", "None"];

    /// <summary>Gets a value indicating whether e-mail is set up.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Host);

    /// <summary>
    /// Checks the settings, naming each problem without repeating the password.
    /// </summary>
    /// <returns>The problems; empty when the settings can be used.</returns>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!Enabled)
        {
            return problems;
        }

        if (Port is < 1 or > 65535)
        {
            problems.Add("SmtpOptions:Port must be 1 to 65535.");
        }

        if (!SecurityModes.Contains(Security))
        {
            problems.Add("SmtpOptions:Security must be StartTls, SslOnConnect or None.");
        }

        if (string.IsNullOrWhiteSpace(From) || !MimeKit.MailboxAddress.TryParse(From, out _) || !From.Contains('@', StringComparison.Ordinal))
        {
            problems.Add("SmtpOptions:From must be the sender's e-mail address.");
        }

        if (string.IsNullOrEmpty(UserName) != string.IsNullOrEmpty(Password))
        {
            problems.Add("SmtpOptions:UserName and SmtpOptions:Password go together: set both or neither.");
        }

        if (MaxAttempts is < 1 or > 20 || RetrySeconds is < 1 or > 3600 || TimeoutSeconds is < 1 or > 300)
        {
            problems.Add("SmtpOptions:MaxAttempts must be 1 to 20, RetrySeconds 1 to 3600 and TimeoutSeconds 1 to 300.");
        }

        return problems;
    }
}
