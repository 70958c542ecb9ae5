namespace PhoneSafe.Gateway.Model;

/// <summary>
/// The school's wording of the notice to parents.
/// </summary>
/// <param name="Subject">Subject line, up to 200 characters.</param>
/// <param name="Body">Plain text, up to 4,000 characters; placeholders as in <see cref="Policy.NoticeTemplate"/>.</param>
public sealed record NoticeTemplateRequest(string? Subject, string? Body);
