using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using PhoneSafe.Gateway.Options;

namespace PhoneSafe.Gateway.Infrastructure;

/// <summary>
/// Sends e-mail through the SMTP server in <see cref="SmtpOptions"/> (MailKit): one connection per message, secured
/// as configured, signed in when an account is set. Logs the server and the outcome, never the password.
/// </summary>
/// <param name="options">The server.</param>
/// <param name="logger">Logger.</param>
public sealed class SmtpMailSender(IOptions<SmtpOptions> options, ILogger<SmtpMailSender> logger) : IMailSender
{
    /// <inheritdoc/>
    public bool Enabled => options.Value.Enabled;

    /// <inheritdoc/>
    public async Task<MailResult> SendAsync(string to, string subject, string body, CancellationToken cancellationToken)
    {
        SmtpOptions o = options.Value;
        if (o.Host is null || o.From is null)
        {
            return new MailResult(false, false, "e-mail is not set up (SmtpOptions:Host)");
        }

        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(o.FromName, o.From));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = body };
        using var client = new SmtpClient { Timeout = o.TimeoutSeconds * 1000 };
        try
        {
            SecureSocketOptions security = Enum.Parse<SecureSocketOptions>(o.Security);
            await client.ConnectAsync(o.Host, o.Port, security, cancellationToken);
            if (!string.IsNullOrEmpty(o.UserName))
            {
                await client.AuthenticateAsync(o.UserName, o.Password ?? string.Empty, cancellationToken);
            }

            string response = await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(true, cancellationToken);
            logger.LogInformation("Mail server {Host}:{Port} accepted a parent notice: {Response}", o.Host, o.Port, response);
            return new MailResult(true, false, response);
        }
        catch (SmtpCommandException ex)
        {
            // 4xx: try again later; 5xx: the server refused this message for good (unknown mailbox, policy).
            bool transient = (int)ex.StatusCode is >= 400 and < 500;
            logger.LogWarning("Mail server {Host}:{Port} refused a parent notice ({Code}): {Answer}", o.Host, o.Port, (int)ex.StatusCode, ex.Message);
            return new MailResult(false, transient, $"{(int)ex.StatusCode} {ex.Message}");
        }
        catch (AuthenticationException ex)
        {
            logger.LogWarning("Mail server {Host}:{Port} refused the sign-in of {User}: {Answer}", o.Host, o.Port, o.UserName, ex.Message);
            return new MailResult(false, false, "sign-in refused: " + ex.Message);
        }
        catch (Exception ex) when (ex is SocketException or IOException or SmtpProtocolException or TimeoutException or SslHandshakeException or ServiceNotConnectedException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Mail server {Host}:{Port} could not be reached: {Reason}", o.Host, o.Port, ex.Message);
            return new MailResult(false, true, "not reached: " + ex.Message);
        }
    }
}
