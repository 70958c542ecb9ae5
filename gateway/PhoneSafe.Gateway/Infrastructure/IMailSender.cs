namespace PhoneSafe.Gateway.Infrastructure;

/// <summary>
/// Sends one e-mail through the school's mail server.
/// </summary>
public interface IMailSender
{
    /// <summary>Gets a value indicating whether e-mail is set up.</summary>
    bool Enabled { get; }

    /// <summary>
    /// Sends one plain-text message.
    /// </summary>
    /// <param name="to">The recipient's address.</param>
    /// <param name="subject">Subject line.</param>
    /// <param name="body">Plain text.</param>
    /// <param name="cancellationToken">Cancels the attempt.</param>
    /// <returns>Whether the server accepted it, whether a later attempt may succeed, and the server's answer.</returns>
    Task<MailResult> SendAsync(string to, string subject, string body, CancellationToken cancellationToken);
}
