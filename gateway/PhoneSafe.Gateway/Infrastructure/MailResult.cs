namespace PhoneSafe.Gateway.Infrastructure;

/// <summary>
/// What the mail server made of one message.
/// </summary>
/// <param name="Accepted">true when the server took the message for delivery.</param>
/// <param name="Transient">true when it was not accepted but a later attempt may succeed (server unreachable, 4xx answer).</param>
/// <param name="Response">The server's answer, or why there was none.</param>
public sealed record MailResult(bool Accepted, bool Transient, string Response);
