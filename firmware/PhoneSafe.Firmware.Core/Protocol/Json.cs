using System.Collections;
using System.Text;

namespace PhoneSafe.Firmware.Core.Protocol
{
    /// <summary>
    /// A small, strict JSON reader for protocol messages. Objects become <see cref="Hashtable"/>,
    /// arrays <see cref="ArrayList"/>, strings <see cref="string"/>, integers <see cref="long"/>,
    /// true/false <see cref="bool"/>. Fractions and exponents are refused: the protocol has none.
    /// </summary>
    public sealed class Json
    {
        /// <summary>The deepest nesting of objects and arrays accepted.</summary>
        public const int MaxDepth = 8;

        private readonly string _text;
        private int _position;
        private string _error;

        private Json(string text)
        {
            _text = text;
        }

        /// <summary>
        /// Parses a complete JSON document.
        /// </summary>
        /// <param name="text">The JSON text.</param>
        /// <param name="value">The parsed value (null for JSON null or on error).</param>
        /// <param name="error">Why parsing failed, with the character position; null on success.</param>
        /// <returns>true when the whole text is one valid JSON value.</returns>
        public static bool TryParse(string text, out object value, out string error)
        {
            value = null;
            if (text == null)
            {
                error = "no text";
                return false;
            }

            Json reader = new Json(text);
            object result = reader.ReadValue(0);
            if (reader._error == null)
            {
                reader.SkipWhitespace();
                if (reader._position != text.Length)
                {
                    reader.Fail("unexpected text after the value");
                }
            }

            error = reader._error;
            if (error != null)
            {
                return false;
            }

            value = result;
            return true;
        }

        private object ReadValue(int depth)
        {
            SkipWhitespace();
            if (_position >= _text.Length)
            {
                return Fail("unexpected end");
            }

            char c = _text[_position];
            if (c == '{')
            {
                return depth >= MaxDepth ? Fail("nested too deeply") : ReadObject(depth + 1);
            }

            if (c == '[')
            {
                return depth >= MaxDepth ? Fail("nested too deeply") : ReadArray(depth + 1);
            }

            if (c == '"')
            {
                return ReadString();
            }

            if (c == '-' || (c >= '0' && c <= '9'))
            {
                return ReadInteger();
            }

            if (Match("true"))
            {
                return true;
            }

            if (Match("false"))
            {
                return false;
            }

            if (Match("null"))
            {
                return null;
            }

            return Fail("unexpected character");
        }

        private object ReadObject(int depth)
        {
            Hashtable result = new Hashtable();
            _position++;
            SkipWhitespace();
            if (Peek() == '}')
            {
                _position++;
                return result;
            }

            while (_error == null)
            {
                SkipWhitespace();
                if (Peek() != '"')
                {
                    return Fail("expected a property name");
                }

                string name = ReadString();
                if (_error != null)
                {
                    return null;
                }

                if (result.Contains(name))
                {
                    return Fail("duplicate property '" + name + "'");
                }

                SkipWhitespace();
                if (Peek() != ':')
                {
                    return Fail("expected ':'");
                }

                _position++;
                object item = ReadValue(depth);
                if (_error != null)
                {
                    return null;
                }

                result.Add(name, item);
                SkipWhitespace();
                char c = Peek();
                _position++;
                if (c == '}')
                {
                    return result;
                }

                if (c != ',')
                {
                    return Fail("expected ',' or '}'");
                }
            }

            return null;
        }

        private object ReadArray(int depth)
        {
            ArrayList result = new ArrayList();
            _position++;
            SkipWhitespace();
            if (Peek() == ']')
            {
                _position++;
                return result;
            }

            while (_error == null)
            {
                object item = ReadValue(depth);
                if (_error != null)
                {
                    return null;
                }

                result.Add(item);
                SkipWhitespace();
                char c = Peek();
                _position++;
                if (c == ']')
                {
                    return result;
                }

                if (c != ',')
                {
                    return Fail("expected ',' or ']'");
                }
            }

            return null;
        }

        private string ReadString()
        {
            _position++;
            StringBuilder builder = null;
            int runStart = _position;
            while (_position < _text.Length)
            {
                char c = _text[_position];
                if (c == '"')
                {
                    string run = _text.Substring(runStart, _position - runStart);
                    _position++;
                    if (builder == null)
                    {
                        return run;
                    }

                    builder.Append(run);
                    return builder.ToString();
                }

                if (c < ' ')
                {
                    Fail("control character in string");
                    return null;
                }

                if (c != '\\')
                {
                    _position++;
                    continue;
                }

                if (builder == null)
                {
                    builder = new StringBuilder();
                }

                builder.Append(_text.Substring(runStart, _position - runStart));
                if (_position + 1 >= _text.Length)
                {
                    break;
                }

                char escaped = _text[_position + 1];
                _position += 2;
                switch (escaped)
                {
                    case '"':
                    case '\\':
                    case '/':
                        builder.Append(escaped);
                        break;
                    case 'b':
                        builder.Append('\b');
                        break;
                    case 'f':
                        builder.Append('\f');
                        break;
                    case 'n':
                        builder.Append('\n');
                        break;
                    case 'r':
                        builder.Append('\r');
                        break;
                    case 't':
                        builder.Append('\t');
                        break;
                    case 'u':
                        if (_position + 4 > _text.Length || !Hex.TryDecode(_text.Substring(_position, 4), out byte[] code))
                        {
                            Fail("bad \\u escape");
                            return null;
                        }

                        builder.Append((char)((code[0] << 8) | code[1]));
                        _position += 4;
                        break;
                    default:
                        Fail("bad escape");
                        return null;
                }

                runStart = _position;
            }

            Fail("unterminated string");
            return null;
        }

        private object ReadInteger()
        {
            int start = _position;
            bool negative = Peek() == '-';
            if (negative)
            {
                _position++;
            }

            long value = 0;
            int digits = 0;
            while (_position < _text.Length && _text[_position] >= '0' && _text[_position] <= '9')
            {
                if (digits == 18)
                {
                    return Fail("number too large");
                }

                value = (value * 10) + (_text[_position] - '0');
                digits++;
                _position++;
            }

            if (digits == 0 || (digits > 1 && _text[start + (negative ? 1 : 0)] == '0'))
            {
                return Fail("bad number");
            }

            char next = Peek();
            if (next == '.' || next == 'e' || next == 'E')
            {
                return Fail("only integers are allowed");
            }

            return negative ? -value : value;
        }

        private bool Match(string literal)
        {
            if (_position + literal.Length > _text.Length)
            {
                return false;
            }

            for (int i = 0; i < literal.Length; i++)
            {
                if (_text[_position + i] != literal[i])
                {
                    return false;
                }
            }

            _position += literal.Length;
            return true;
        }

        private char Peek()
        {
            return _position < _text.Length ? _text[_position] : '\0';
        }

        private void SkipWhitespace()
        {
            while (_position < _text.Length)
            {
                char c = _text[_position];
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
                {
                    return;
                }

                _position++;
            }
        }

        private object Fail(string message)
        {
            if (_error == null)
            {
                _error = message + " at " + _position.ToString();
            }

            _position = _text.Length;
            return null;
        }
    }
}
