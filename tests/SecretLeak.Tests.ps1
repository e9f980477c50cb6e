# Secrets never leak. Every cmdlet's success and failure paths run with -Verbose -Debug and InformationPreference
# Continue: a bad key, 1201047, 401 after a revocation, a server that echoes the request back in its error body (whole,
# or slices from the middle and the end of the assertion and the tokens), timeouts, redirects, a broken connection. The
# key text, every assertion and every access token, and any 19 or more of their characters in a row, are then looked for
# in everything a script or a log could keep: every stream, the -ErrorVariable, -WarningVariable and -InformationVariable
# lists, $Error formatted with Format-List * -Force down to the innermost exception, ConvertTo-Json of each output object
# and error record, and the transcript of the same run in a fresh PowerShell started with Start-Transcript. The one object
# that carries an assertion in the open, the HyprClientAssertion New-HyprClientAssertion returns, is kept aside and not
# searched.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:manifest = Get-HyprModuleManifest
    Import-Module $manifest -Force
    $script:emulator = Start-TestEmulator
    $script:tenant = $emulator.BaseUri

    # The scenarios, run twice: here with every stream captured, and in a fresh PowerShell inside Start-Transcript with
    # the streams going to the host as they would in a scheduled task's log. $Context supplies the clients, a key file,
    # the emulator, State (shared between scenarios), Secrets (what the run read back: tokens and assertions) and Run,
    # which runs one scenario body. Step runs one call that may end in a terminating error (Get-HyprAccessToken, inline
    # credentials, a key that Test-HyprClientAssertion refuses) and writes that error as a script's catch block would.
    $script:scenarios = {
        param($Context)
        $ErrorActionPreference = 'Continue'
        $InformationPreference = 'Continue'
        # -Debug alone turns warnings and errors into prompts (Inquire); a script that logs with -Debug says Continue.
        $PSDefaultParameterValues = @{
            '*-Hypr*:Verbose' = $true; '*-Hypr*:Debug' = $true; '*-Hypr*:Confirm' = $false
            '*-Hypr*:WarningAction' = 'Continue'; '*-Hypr*:ErrorAction' = 'Continue'; '*-Hypr*:InformationAction' = 'Continue'
        }
        foreach ($entry in $Context.Defaults.GetEnumerator()) { $PSDefaultParameterValues[$entry.Key] = $entry.Value }
        $run = $Context.Run
        $tenant = $Context.Emulator.BaseUri
        $id = $Context.Client.clientId
        $key = $Context.Client.clientKey
        $s = $Context.State

        function Step([scriptblock] $Call) { try { & $Call } catch { Write-Error -ErrorRecord $_ -ErrorAction Continue } }
        function Add-Fault([hashtable] $Fault) { Invoke-EmulatorControl -Emulator $Context.Emulator -Route 'faults' -Body $Fault | Out-Null }
        function Revoke([string] $Value) { Invoke-EmulatorControl -Emulator $Context.Emulator -Route 'tokens/revoke' -Body @{ accessToken = $Value } |
            Out-Null }
        function Read-Token($Token) {
            # Only the test reads the value, to look for it everywhere else.
            $value = [System.Net.NetworkCredential]::new('', $Token.AccessToken).Password
            $Context.Secrets.Add($value)
            return $value
        }
        function Keep-Assertion($Assertion) { $Context.Secrets.Add($Assertion.Jwt); return $Assertion }
        # An error body that echoes what was sent, as a debugging server or a chatty gateway does, with every token so far.
        function Get-EchoBody([string] $Assertion) {
            # Tokens the cache has dropped are then surely gone from the process: the echo must be redacted all the same.
            [GC]::Collect()
            [GC]::WaitForPendingFinalizers()
            $tokens = @($s.Values | Where-Object { $_ -is [string] -and $_ -like 'hypap-*' })
            $form = 'client_assertion_type=' + [uri]::EscapeDataString('urn:ietf:params:oauth:client-assertion-type:jwt-bearer') +
                '&client_assertion=' + [uri]::EscapeDataString($Assertion) + '&grant_type=authorization_code'
            @{ errorMessage =
                "request was: $form; Authorization: Bearer $($tokens -join ', Bearer '); tokens $($tokens -join ' ') assertion $Assertion" } |
                ConvertTo-Json -Compress
        }

        # An error body that echoes slices of what was sent (and of the live token): from their middle and their end, none
        # of them shaped like a token or a JWT, so only the redaction of any slice of a sent or live secret can catch them.
        function Get-SliceEchoBody([string[]] $Values) {
            $slices = foreach ($value in $Values) { "...$($value.Substring(10, 24))... ending ...$($value.Substring($value.Length - 20))" }
            @{ errorMessage = "request was: $($slices -join '; ')" } | ConvertTo-Json -Compress
        }

        & $run 'New-HyprClientAssertion: signs (string, SecureString, PEM file, -OutFile, a long lifetime)' {
            $s.assertion = Keep-Assertion (New-HyprClientAssertion -ClientId $id -ClientKey $key)
            $s.fixedAssertion = Keep-Assertion (New-HyprClientAssertion -ClientId $id -ClientKey (ConvertTo-SecureString $key -AsPlainText -Force))
            $s.echoAssertion = Keep-Assertion (New-HyprClientAssertion -ClientId $id -KeyPath $Context.KeyPath)
            $s.wrongAudience = Keep-Assertion (New-HyprClientAssertion -ClientId $id -ClientKey $key -Audience 'https://not-hypr.example.com')
            $s.longAssertion = Keep-Assertion (New-HyprClientAssertion -ClientId $id -ClientKey $key -Lifetime '02:00:00')
            $outFile = Join-Path $Context.WorkFolder ('assertion-{0}.jwt' -f [guid]::NewGuid().ToString('N'))
            New-HyprClientAssertion -ClientId $id -KeyPath $Context.KeyPath -OutFile $outFile
            $Context.Secrets.Add((Get-Content -LiteralPath $outFile -Raw))
        }

        & $run 'New-HyprClientAssertion: refused keys (one character changed, cut short, a wrong PEM label)' {
            New-HyprClientAssertion -ClientId $id -ClientKey ($key.Substring(0, 60) + '!' + $key.Substring(61))
            New-HyprClientAssertion -ClientId $id -ClientKey $key.Substring(0, $key.Length - 8)
            New-HyprClientAssertion -ClientId $id -ClientKey ("-----BEGIN CERTIFICATE-----`n$key`n-----END CERTIFICATE-----")
        }

        & $run 'Test-HyprClientAssertion: passes, fails, refuses' {
            Test-HyprClientAssertion -Jwt $s.assertion -ClientKey $key -ClientId $id
            Test-HyprClientAssertion -Jwt $s.assertion.Jwt -KeyPath $Context.KeyPath
            Test-HyprClientAssertion -Jwt ($s.assertion.Jwt.Substring(0, $s.assertion.Jwt.LastIndexOf('.') + 1) +
                $s.fixedAssertion.Jwt.Split('.')[2]) -ClientKey $key
            Test-HyprClientAssertion -Jwt $s.assertion -ClientKey $Context.Other.clientKey
            Step { Test-HyprClientAssertion -Jwt $s.assertion -PublicKey ($key.Substring(0, 50) + '!!') }
            Step { Test-HyprClientAssertion -Jwt $s.assertion -ClientKey ($key.Substring(0, 70) + '#' + $key.Substring(71)) }
        }

        & $run 'Get-HyprAccessToken: exchange, cache, -Force, a ready assertion' {
            $token = Get-HyprAccessToken -TenantUri $tenant -ClientId $id -ClientKey $key
            $s.token = Read-Token $token
            $s.tokenObject = $token
            $token
            $cached = Get-HyprAccessToken -TenantUri $tenant -ClientId $id -KeyPath $Context.KeyPath
            $null = Read-Token $cached
            $cached
            $forced = Get-HyprAccessToken -TenantUri $tenant -ClientId $id -ClientKey (ConvertTo-SecureString $key -AsPlainText -Force) -Force
            $s.token = Read-Token $forced
            $forced
            $fixed = Get-HyprAccessToken -TenantUri $tenant -Assertion $s.fixedAssertion
            $s.fixedToken = Read-Token $fixed
            $s.fixedTokenObject = $fixed
            $fixed
        }

        & $run 'Get-HyprAccessToken: bad keys, 1201047 (another client''s id for this key, a wrong audience, too long)' {
            Step { Get-HyprAccessToken -TenantUri $tenant -ClientId $id -ClientKey ($key.Substring(0, 60) + '!' + $key.Substring(61)) }
            Step { Get-HyprAccessToken -TenantUri $tenant -ClientId $id -ClientKey ("{`"kty`":`"EC`",`"crv`":`"P-256`",`"d`":`"$key`"}") }
            Step { Get-HyprAccessToken -TenantUri $tenant -ClientId $Context.Other.clientId -ClientKey $key }
            Step { Get-HyprAccessToken -TenantUri $tenant -Assertion $s.wrongAudience }
            Step { Get-HyprAccessToken -TenantUri $tenant -Assertion $s.longAssertion }
        }

        & $run 'Get-HyprAccessToken: a server that echoes the assertion and the tokens (500 JSON, 500 text, 400, 200 with a bad token_type)' {
            Add-Fault @{ route = 'token'; kind = 'status'; status = 500; body = (Get-EchoBody $s.echoAssertion.Jwt) }
            Step { Get-HyprAccessToken -TenantUri $tenant -Assertion $s.echoAssertion -MaximumRetryCount 0 }
            Add-Fault @{ route = 'token'; kind = 'status'; status = 500; contentType = 'text/plain'; body = (Get-EchoBody $s.echoAssertion.Jwt) }
            Step { Get-HyprAccessToken -TenantUri $tenant -ClientId $id -ClientKey $key -Force -MaximumRetryCount 0 }
            Add-Fault @{ route = 'token'; kind = 'status'; status = 400; body = (Get-EchoBody $s.echoAssertion.Jwt) }
            Step { Get-HyprAccessToken -TenantUri $tenant -ClientId $id -ClientKey $key -Force }
            Add-Fault @{
                route = 'token'
                kind = 'status'
                status = 200
                body = (@{ access_token = $s.token; token_type = $s.token; expires_in = 3600 } | ConvertTo-Json -Compress)
            }
            Step { Get-HyprAccessToken -TenantUri $tenant -ClientId $id -ClientKey $key -Force }
        }

        & $run 'Get-HyprAccessToken: 429 then success, a timeout, a redirect, a broken connection' {
            Add-Fault @{
                route = 'token'
                kind = 'status'
                status = 429
                retryAfter = '0'
                body = '{"errorCode":1202500,"errorMessage":"Too many requests"}'
            }
            $retried = Get-HyprAccessToken -TenantUri $tenant -ClientId $id -ClientKey $key -Force
            $s.token = Read-Token $retried
            $retried
            Add-Fault @{ route = 'token'; kind = 'delay'; delayMs = 2500 }
            Step { Get-HyprAccessToken -TenantUri $tenant -ClientId $id -ClientKey $key -Force -TimeoutSec 1 }
            Add-Fault @{ route = 'token'; kind = 'redirect' }
            Step { Get-HyprAccessToken -TenantUri $tenant -ClientId $id -ClientKey $key -Force }
            Add-Fault @{ route = 'token'; kind = 'close' }
            Step { Get-HyprAccessToken -TenantUri $tenant -ClientId $id -ClientKey $key -Force -MaximumRetryCount 0 }
        }

        & $run 'Invoke-HyprApi: the connection, -AccessToken, inline credentials, -All' {
            Connect-Hypr -TenantUri $tenant -ClientId $id -ClientKey $key
            Invoke-HyprApi -Path '/rp/api/echo/connection' -Method POST -Body @{ note = 'hello' }
            Invoke-HyprApi -Path '/rp/api/echo/token' -AccessToken $s.tokenObject -Headers @{ 'X-Trace' = 't-1' }
            Invoke-HyprApi -Path '/rp/api/bulk/HYPRDefaultApplication/introspect/users' -TenantUri $tenant -ClientId $id -ClientKey $key
            Invoke-HyprApi -Path '/rp/api/bulk/HYPRDefaultApplication/fetch' -Method POST -Body @{
                entity = 'users'
                filter = @{ department = 'Engineering' }
                pageSize = 20
            } -All -TenantUri $tenant -ClientId $id -KeyPath $Context.KeyPath
        }

        & $run 'Get-HyprApplication and Get-HyprAuditEvent: events, a checkpoint file, a page that echoes the request, a damaged checkpoint' {
            Connect-Hypr -TenantUri $tenant -ClientId $id -ClientKey $key
            Invoke-EmulatorControl -Emulator $Context.Emulator -Route 'audit/events' -Body @{ count = 60 } | Out-Null
            Get-HyprApplication
            $checkpoint = Join-Path $Context.WorkFolder ('audit-{0}.checkpoint' -f [guid]::NewGuid().ToString('N'))
            Get-HyprAuditEvent -RpAppId HYPRDefaultApplication -Checkpoint $checkpoint -PageSize 25 | ForEach-Object { $_; $_.ToJson() }
            Add-Fault @{ route = '/cc/api/versioned/audit/search'; kind = 'status'; status = 500; body = (Get-EchoBody $s.echoAssertion.Jwt) }
            Get-HyprAuditEvent -RpAppId HYPRDefaultApplication -Since (Get-Date).AddHours(-2) -MaximumRetryCount 0
            Get-Content -LiteralPath $checkpoint -Raw
            Set-Content -LiteralPath $checkpoint -Value ('{"version":1,"tenants":"' + $s.token + '"}')
            Get-HyprAuditEvent -RpAppId HYPRDefaultApplication -Checkpoint $checkpoint
        }

        & $run 'Invoke-HyprApi: 401 after a revocation (renewed; and a token that cannot be renewed)' {
            Revoke $s.token
            Step { Invoke-HyprApi -Path '/rp/api/echo/after-revoke' }
            $s.token = Read-Token (Get-HyprAccessToken -TenantUri $tenant -ClientId $id -ClientKey $key)
            Revoke $s.fixedToken
            Step { Invoke-HyprApi -Path '/rp/api/echo/fixed' -AccessToken $s.fixedTokenObject }
        }

        & $run 'Invoke-HyprApi: a server that echoes the request (500, 400 text, malformed), an HTML 502, a timeout, a redirect, a reset' {
            Add-Fault @{ route = 'api'; kind = 'status'; status = 500; body = (Get-EchoBody $s.echoAssertion.Jwt) }
            Step { Invoke-HyprApi -Path '/rp/api/echo/echoing-500' }
            Add-Fault @{ route = 'api'; kind = 'status'; status = 400; contentType = 'text/plain'; body = (Get-EchoBody $s.echoAssertion.Jwt) }
            Step { Invoke-HyprApi -Path '/rp/api/echo/echoing-400' -Method POST -Body @{ a = 1 } }
            Add-Fault @{ route = 'api'; kind = 'status'; status = 200; body = '{"echo": "' + $s.token + '", "truncated": ' }
            Step { Invoke-HyprApi -Path '/rp/api/echo/malformed' }
            Add-Fault @{ route = 'api'; kind = 'html'; status = 502 }
            Step { Invoke-HyprApi -Path '/rp/api/echo/html' -MaximumRetryCount 0 }
            Add-Fault @{ route = 'api'; kind = 'delay'; delayMs = 2500 }
            Step { Invoke-HyprApi -Path '/rp/api/echo/slow' -TimeoutSec 1 }
            Add-Fault @{ route = 'api'; kind = 'redirect' }
            Step { Invoke-HyprApi -Path '/rp/api/echo/redirected' }
            Add-Fault @{ route = 'api'; kind = 'reset' }
            Step { Invoke-HyprApi -Path '/rp/api/echo/reset' -MaximumRetryCount 0 }
        }

        & $run 'Get-HyprAccessToken and Invoke-HyprApi: a server that echoes slices of the assertion or token sent and of the live token' {
            # The token endpoint was sent the assertion and never the token: the token's slices are found as a live secret.
            Add-Fault @{ route = 'token'; kind = 'status'; status = 500; body = (Get-SliceEchoBody $s.echoAssertion.Jwt, $s.token) }
            Step { Get-HyprAccessToken -TenantUri $tenant -Assertion $s.echoAssertion -Force -MaximumRetryCount 0 }
            Add-Fault @{ route = 'api'; kind = 'status'; status = 500; body = (Get-SliceEchoBody $s.token) }
            Step { Invoke-HyprApi -Path '/rp/api/echo/echoing-slices' -MaximumRetryCount 0 }
        }

        & $run 'Invoke-HyprApi: refused before sending (an Authorization header, another host, a wrong key)' {
            Step { Invoke-HyprApi -Path '/rp/api/echo' -Headers @{ Authorization = "Bearer $($s.token)" } }
            Step { Invoke-HyprApi -Path "https://evil.example.com/rp/api/echo?token=$($s.token)" }
            Step { Invoke-HyprApi -Path '/rp/api/echo' -TenantUri $tenant -ClientId $id -ClientKey $Context.Other.clientKey }
        }

        & $run 'Get-HyprTokenCache and Clear-HyprTokenCache, then a cleared connection' {
            Get-HyprTokenCache -ClientId $id
            Get-HyprTokenCache | Format-List * -Force | Out-String -Width 4096
            & $Context.WhatIf Clear-HyprTokenCache @{ ClientId = $id }
            Clear-HyprTokenCache -ClientId $id -PassThru
            Step { Invoke-HyprApi -Path '/rp/api/echo/cleared' -AccessToken $s.tokenObject }
            Step { Invoke-HyprApi -Path '/rp/api/echo/cleared-connection' }
        }

        & $run 'Connect-Hypr, Get-HyprContext, Disconnect-Hypr: -PassThru, the environment, a bad key there, a disconnected call' {
            $connection = Connect-Hypr -TenantUri $tenant -ClientId $id -KeyPath $Context.KeyPath -PassThru
            $connection | Format-List * -Force | Out-String -Width 4096
            $connection | ConvertTo-Json -Depth 5
            Get-HyprContext
            $env:HYPR_TENANT_URI = $tenant; $env:HYPR_CLIENT_ID = $id; $env:HYPR_CLIENT_KEY = $key
            try {
                Connect-Hypr -EnvironmentVariable -PassThru
                $env:HYPR_CLIENT_KEY = $key.Substring(0, 60) + '!' + $key.Substring(61)
                Step { Connect-Hypr -EnvironmentVariable }
                Remove-Item Env:HYPR_CLIENT_KEY
                Step { Connect-Hypr -EnvironmentVariable }
            }
            finally { Remove-Item Env:HYPR_TENANT_URI, Env:HYPR_CLIENT_ID, Env:HYPR_CLIENT_KEY -ErrorAction SilentlyContinue }
            Disconnect-Hypr -PassThru
            Step { Invoke-HyprApi -Path '/rp/api/echo/disconnected' }
        }
    }

    # ---- Looking for secrets.

    # A key in every form it could leak in: its text, its PEM body lines, the tail windows of its text (the head is the
    # ASN.1 prefix every P-256 PKCS#8 key shares), and its private scalar as a JWK 'd', base64 and hex.
    function Get-KeySecrets([string] $Name, [string] $Key) {
        $secrets = [ordered]@{ "$Name (the text)" = $Key }
        $lines = [regex]::Matches($Key, '.{1,64}') | ForEach-Object Value
        $i = 0
        foreach ($line in $lines) { $secrets["$Name (PEM line $(++$i))"] = $line }
        for ($start = 48; $start + 12 -le $Key.Length; $start += 4) {
            $secrets["$Name (characters $start-$($start + 11))"] = $Key.Substring($start, 12)
        }
        $ecdsa = [System.Security.Cryptography.ECDsa]::Create()
        try {
            $read = 0
            $ecdsa.ImportPkcs8PrivateKey([Convert]::FromBase64String($Key), [ref] $read)
            $d = $ecdsa.ExportParameters($true).D
            $secrets["$Name (private scalar, base64url)"] = ConvertTo-Base64Url $d
            $secrets["$Name (private scalar, base64)"] = [Convert]::ToBase64String($d)
            $secrets["$Name (private scalar, hex)"] = [Convert]::ToHexString($d)
            $secrets["$Name (private scalar, lower-case hex)"] = [Convert]::ToHexString($d).ToLowerInvariant()
        }
        finally { $ecdsa.Dispose() }
        return $secrets
    }

    # Tokens and assertions read back by a run: each whole, and the parts that are unique to it.
    function Get-RunSecrets([string[]] $Values) {
        $secrets = [ordered]@{}
        $n = 0
        foreach ($value in ($Values | Where-Object { $_ } | ForEach-Object { $_.Trim() } | Sort-Object -Unique)) {
            $n++
            if ($value -like 'hypap-*') {
                $secrets["access token $n"] = $value
                $secrets["access token $n without its prefix"] = $value.Substring(6)
            }
            else {
                $parts = $value.Split('.')
                $secrets["assertion $n"] = $value
                $secrets["assertion $n (claims)"] = $parts[1]
                $secrets["assertion $n (signature)"] = $parts[2]
            }
        }
        # Slices from anywhere in them: the 16 characters (the shortest run the redactor removes) at every fourth offset
        # find any run of 19 or more, wherever it starts. One regex: hundreds of Contains calls per text would be slow.
        $slices = foreach ($value in ($Values | Where-Object { $_ } | ForEach-Object { $_.Trim() } | Sort-Object -Unique)) {
            for ($start = 0; $start + 16 -le $value.Length; $start += 4) { [regex]::Escape($value.Substring($start, 16)) }
        }
        $secrets['a slice (19 characters or more) of a token or an assertion'] = [regex]::new(($slices | Sort-Object -Unique) -join '|')
        return $secrets
    }

    # Anything shaped like an assertion or an emulator token is a leak, even one no run read back (the renewals the engine
    # makes by itself, the assertions it signs for each exchange). Client ids (hypap- and 32 hex digits) do not match.
    $script:leakPatterns = [ordered]@{
        'a compact JWT'       = 'eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{20,}'
        'an emulator token'   = 'hypap-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'
    }

    # What was found where, naming the secret but never showing it (Pester prints failures).
    function Find-Leak([string] $Text, [string] $Where, [System.Collections.IDictionary] $Secrets) {
        if ([string]::IsNullOrEmpty($Text)) { return }
        foreach ($entry in $Secrets.GetEnumerator()) {
            $found = if ($entry.Value -is [regex]) { $entry.Value.IsMatch($Text) } else { $entry.Value -and $Text.Contains([string]$entry.Value) }
            if ($found) { "$($entry.Key) in $Where" }
        }
        foreach ($entry in $leakPatterns.GetEnumerator()) {
            if ($Text -match $entry.Value) { "$($entry.Key) in $Where" }
        }
    }

    # An error record as far as Format-List * -Force and ToString() go: the record, its details, every exception down to
    # the innermost (an AggregateException's every inner one), each with Format-List * -Force and ToString().
    function Get-DeepErrorText($Record) {
        $text = [System.Text.StringBuilder]::new()
        $null = $text.AppendLine(($Record | Format-List * -Force | Out-String -Width 4096)).AppendLine($Record.ToString())
        $null = $text.AppendLine(($Record.ErrorDetails | Format-List * -Force | Out-String -Width 4096))
        $null = $text.AppendLine(($Record.CategoryInfo | Format-List * -Force | Out-String -Width 4096))
        foreach ($exception in (Get-ExceptionChain $Record.Exception)) {
            $null = $text.AppendLine(($exception | Format-List * -Force | Out-String -Width 4096)).AppendLine($exception.ToString())
        }
        return $text.ToString()
    }

    function Get-ExceptionChain($Exception) {
        $queue = [System.Collections.Generic.Queue[object]]::new()
        if ($Exception) { $queue.Enqueue($Exception) }
        while ($queue.Count -gt 0) {
            $next = $queue.Dequeue()
            $next
            if ($next -is [System.AggregateException]) { foreach ($inner in $next.InnerExceptions) { $queue.Enqueue($inner) } }
            elseif ($next.InnerException) { $queue.Enqueue($next.InnerException) }
        }
    }

    # ConvertTo-Json -Depth 5. An error record is taken member by member, its exceptions one by one, without the two
    # reflection objects (an exception's TargetSite, InvocationInfo's MyCommand): serialized five levels deep they are
    # hundreds of megabytes of .NET metadata, and hold nothing a cmdlet put there.
    function ConvertTo-JsonText($Object) {
        if ($Object -isnot [System.Management.Automation.ErrorRecord]) {
            return ConvertTo-Json -InputObject $Object -Depth 5 -WarningAction SilentlyContinue
        }
        $parts = [System.Collections.Generic.List[string]]::new()
        foreach ($property in $Object.PSObject.Properties) {
            $value = switch ($property.Name) {
                'Exception' { $null }
                'InvocationInfo' { if ($property.Value) { $property.Value | Select-Object * -ExcludeProperty MyCommand } }
                default { $property.Value }
            }
            if ($null -ne $value) { $parts.Add((ConvertTo-Json -InputObject $value -Depth 5 -WarningAction SilentlyContinue)) }
        }
        foreach ($exception in (Get-ExceptionChain $Object.Exception)) {
            $parts.Add((ConvertTo-Json -InputObject ($exception | Select-Object * -ExcludeProperty TargetSite, InnerException,
                InnerExceptions) -Depth 5 -WarningAction SilentlyContinue))
        }
        return $parts -join "`n"
    }

    # Every object reachable from an error record's exceptions, target and details, a few levels deep through fields
    # (public or not, so auto-property backing fields too) and the items of collections: the paths to HTTP messages.
    function Find-HttpMessage($Root, [string] $Path, [int] $Depth, [System.Collections.Generic.HashSet[object]] $Seen) {
        if ($null -eq $Root -or $Depth -lt 0) { return }
        $type = $Root.GetType()
        if ($type.IsPrimitive -or $type.IsEnum -or $Root -is [string] -or $Root -is [decimal] -or $Root -is [datetime] -or $Root -is
            [datetimeoffset] -or
            $Root -is [timespan] -or $Root -is [guid] -or $Root -is [uri] -or $Root -is [type] -or $Root -is [System.Reflection.MemberInfo] -or
            $Root -is [System.Reflection.Assembly] -or $Root -is [System.Reflection.Module] -or $Root -is [System.Delegate] -or $Root -is
                [System.Security.SecureString]) { return }
        if (-not $type.IsValueType -and -not $Seen.Add($Root)) { return }
        foreach ($forbidden in @([System.Net.Http.HttpRequestMessage], [System.Net.Http.HttpResponseMessage], [System.Net.Http.HttpContent],
            [System.Net.Http.Headers.HttpHeaders])) {
            if ($forbidden.IsAssignableFrom($type)) { "$Path is a $($type.FullName)"; return }
        }
        if ($Root -is [System.Collections.IEnumerable]) {
            $i = 0
            foreach ($item in $Root) {
                if ($i -ge 50) { break }
                if ($item -is [System.Collections.DictionaryEntry]) {
                    Find-HttpMessage $item.Key "$Path[$i].Key" ($Depth - 1) $Seen
                    Find-HttpMessage $item.Value "$Path[$i].Value" ($Depth - 1) $Seen
                }
                else { Find-HttpMessage $item "$Path[$i]" ($Depth - 1) $Seen }
                $i++
            }
        }
        $flags = [System.Reflection.BindingFlags]'Instance, Public, NonPublic'
        for ($t = $type; $null -ne $t -and $t -ne [object]; $t = $t.BaseType) {
            foreach ($field in $t.GetFields($flags)) {
                if ($field.FieldType.IsPointer -or $field.FieldType.IsByRef) { continue }
                $value = try { $field.GetValue($Root) } catch { $null }
                Find-HttpMessage $value "$Path.$($field.Name)" ($Depth - 1) $Seen
            }
        }
    }

    function Find-HttpMessageInRecord($Record) {
        $seen = [System.Collections.Generic.HashSet[object]]::new([System.Collections.Generic.ReferenceEqualityComparer]::Instance)
        Find-HttpMessage $Record.Exception 'Exception' 4 $seen
        $i = 0
        foreach ($exception in (Get-ExceptionChain $Record.Exception)) { Find-HttpMessage $exception "Exception chain[$(($i++))]" 4 $seen }
        Find-HttpMessage $Record.TargetObject 'TargetObject' 4 $seen
        Find-HttpMessage $Record.ErrorDetails 'ErrorDetails' 4 $seen
    }

    # ---- The run in this process, every stream captured.

    $script:clientHere = New-EmulatorClient $emulator @{ maxActiveTokens = 100 }
    $script:clientChild = New-EmulatorClient $emulator @{ maxActiveTokens = 100 }
    $script:other = New-EmulatorClient $emulator @{}

    function New-KeyFile([string] $Key) {
        $path = Join-Path $TestDrive ('{0}.pem' -f [guid]::NewGuid().ToString('N'))
        $body = ([regex]::Matches($Key, '.{1,64}') | ForEach-Object Value) -join "`n"
        Set-Content -LiteralPath $path -Value "-----BEGIN PRIVATE KEY-----`n$body`n-----END PRIVATE KEY-----" -NoNewline
        return $path
    }

    $script:captured = [System.Collections.Generic.List[object]]::new()
    $script:variables = [System.Collections.Generic.List[object]]::new()
    $script:setAside = [System.Collections.Generic.List[object]]::new()
    $script:scenariosRun = [System.Collections.Generic.List[string]]::new()
    $secretsHere = [System.Collections.Generic.List[string]]::new()
    $capture = {
        param([string] $Name, [scriptblock] $Body)
        # Lists here, so that -ErrorVariable +leakErrors (and the others) append to them from any scope below.
        $leakErrors = [System.Collections.ArrayList]::new()
        $leakWarnings = [System.Collections.ArrayList]::new()
        $leakInformation = [System.Collections.ArrayList]::new()
        try {
            . $Body *>&1 | ForEach-Object {
                if ($_ -is [HyprAuth.HyprClientAssertion]) { $setAside.Add($_) } else { $captured.Add($_) }
            }
        }
        catch { $captured.Add($_) }
        foreach ($item in @($leakErrors) + @($leakWarnings) + @($leakInformation)) { $variables.Add($item) }
        $scenariosRun.Add($Name)
    }
    $Error.Clear()
    & $scenarios @{
        Client     = $clientHere
        Other      = $other
        KeyPath    = New-KeyFile $clientHere.clientKey
        Emulator   = $emulator
        WorkFolder = $TestDrive
        State      = @{}
        Secrets    = $secretsHere
        Run        = $capture
        # What -WhatIf says goes to the host, which no redirection catches: here nowhere, in the transcript run into it.
        WhatIf     = { param($Command, $Parameters) Invoke-WithoutHost $Command ($Parameters + @{ WhatIf = $true }) }
        Defaults   = @{
            '*-Hypr*:ErrorVariable' = '+leakErrors'
            '*-Hypr*:WarningVariable' = '+leakWarnings'
            '*-Hypr*:InformationVariable' = '+leakInformation'
        }
    }
    $script:errorsHere = @($Error)

    $script:secretsHereMap = [ordered]@{}
    foreach ($set in @((Get-KeySecrets 'the client key' $clientHere.clientKey), (Get-KeySecrets 'the other client''s key' $other.clientKey),
        (Get-RunSecrets $secretsHere))) {
        foreach ($entry in $set.GetEnumerator()) { $secretsHereMap[$entry.Key] = $entry.Value }
    }
    $script:tokensHere = @($secretsHere | Where-Object { $_ -like 'hypap-*' } | Sort-Object -Unique)
    $script:assertionsHere = @($secretsHere | Where-Object { $_ -notlike 'hypap-*' } | Sort-Object -Unique)

    # ---- The same scenarios in a fresh PowerShell, inside Start-Transcript; the key reaches it through its environment.

    $childScript = @'
$ErrorActionPreference = 'Continue'
Import-Module $env:HYPRAUTH_MODULE_MANIFEST
Import-Module $env:HYPRAUTH_EMULATOR_MODULE
$secrets = [System.Collections.Generic.List[string]]::new()
$context = @{
    Client     = [pscustomobject]@{ clientId = $env:HYPRAUTH_TEST_CLIENT_ID; clientKey = $env:HYPRAUTH_TEST_CLIENT_KEY }
    Other      = [pscustomobject]@{ clientId = $env:HYPRAUTH_TEST_OTHER_ID; clientKey = $env:HYPRAUTH_TEST_OTHER_KEY }
    KeyPath    = $env:HYPRAUTH_TEST_KEY_PATH
    Emulator   = [pscustomobject]@{ BaseUri = $env:HYPRAUTH_TEST_TENANT }
    WorkFolder = $env:HYPRAUTH_TEST_WORK
    State      = @{}
    Secrets    = $secrets
    Defaults   = @{}
    # Errors reach the host as a script's would: non-terminating ones by themselves, terminating ones written as errors.
    Run        = { param($Name, $Body) Write-Host "=== $Name"; try { & $Body } catch { Write-Error -ErrorRecord $_ } }
    WhatIf     = { param($Command, $Parameters) & $Command @Parameters -WhatIf }
}
Start-Transcript -LiteralPath $env:HYPRAUTH_TEST_TRANSCRIPT | Out-Null
try {
    & $env:HYPRAUTH_TEST_SCENARIOS $context
    '=== $Error'
    $Error | Format-List * -Force
    foreach ($record in $Error) {
        $exception = $record.Exception
        while ($exception) { $exception | Format-List * -Force; $exception.ToString(); $exception = $exception.InnerException }
    }
}
finally { Stop-Transcript | Out-Null }
# After the transcript: what the run read back, for the test to look for.
ConvertTo-Json -InputObject @($secrets) -Compress
exit 0
'@
    $scenarioFile = Join-Path $TestDrive 'scenarios.ps1'
    Set-Content -LiteralPath $scenarioFile -Value $scenarios.ToString()
    $transcriptFile = Join-Path $TestDrive 'transcript.txt'
    $secretsChild = @(Invoke-ChildPowerShell -Script $childScript -Environment @{
        HYPRAUTH_MODULE_MANIFEST = $manifest
        HYPRAUTH_EMULATOR_MODULE = (Resolve-Path (Join-Path $PSScriptRoot '../build/Emulator.psm1')).Path
        HYPRAUTH_TEST_SCENARIOS  = $scenarioFile
        HYPRAUTH_TEST_TRANSCRIPT = $transcriptFile
        HYPRAUTH_TEST_WORK       = $TestDrive
        HYPRAUTH_TEST_TENANT     = $tenant
        HYPRAUTH_TEST_CLIENT_ID  = $clientChild.clientId
        HYPRAUTH_TEST_CLIENT_KEY = $clientChild.clientKey
        HYPRAUTH_TEST_OTHER_ID   = $other.clientId
        HYPRAUTH_TEST_OTHER_KEY  = $other.clientKey
        HYPRAUTH_TEST_KEY_PATH   = New-KeyFile $clientChild.clientKey
    })
    $script:transcript = if (Test-Path -LiteralPath $transcriptFile) { Get-Content -LiteralPath $transcriptFile -Raw } else { '' }
    $script:tokensChild = @($secretsChild | Where-Object { $_ -like 'hypap-*' } | Sort-Object -Unique)
    $script:secretsChildMap = [ordered]@{}
    foreach ($set in @((Get-KeySecrets 'the child''s client key' $clientChild.clientKey), (Get-KeySecrets 'the other client''s key' $other.clientKey),
        (Get-RunSecrets $secretsChild))) {
        foreach ($entry in $set.GetEnumerator()) { $secretsChildMap[$entry.Key] = $entry.Value }
    }
}

AfterAll {
    Stop-HyprEmulator $emulator
}

Describe 'The runs exercised what they claim' {
    It 'ran every scenario here, and read back real tokens and assertions' {
        $scenariosRun.Count | Should -Be 15
        $tokensHere.Count |
            Should -BeGreaterOrEqual 4 -Because 'the exchange, -Force, the 429 retry, the ready assertion and the renewal each gave a token'
        $tokensHere | ForEach-Object { $_ | Should -Match '^hypap-[0-9a-f-]{36}$' }
        $assertionsHere.Count | Should -BeGreaterOrEqual 6
        $setAside.Count | Should -Be 0 -Because 'the scenarios keep the HyprClientAssertion objects in variables, never in the output'
    }

    It 'went down each failure path: <_>' -ForEach @(
        'ClientKeyNotBase64', 'ClientKeyUnsupportedPemLabel', 'PublicKeyInvalid', 'HyprInvalidTokenExchange', 'HyprRequestFailed',
            'HyprRequestTimedOut',
        'HyprRedirectNotFollowed', 'HyprConnectionFailed', 'HyprTokenInvalidOrExpired', 'InvalidHeaders', 'InvalidPath', 'HyprTokenCacheCleared',
            'HyprInvalidResponse',
        'EnvironmentVariableMissing', 'NoConnection'
    ) {
        $ids = @($captured | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] } |
            ForEach-Object { $_.FullyQualifiedErrorId.Split(',')[0] })
        $ids | Should -Contain $_
    }

    It 'wrote verbose, warning and information records, and the variables collected errors and warnings' {
        @($captured | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Count | Should -BeGreaterThan 20
        @($captured | Where-Object { $_ -is [System.Management.Automation.WarningRecord] }).Count | Should -BeGreaterThan 0
        # A terminating error reaches -ErrorVariable as its exception, a non-terminating one as its ErrorRecord.
        @($variables | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] -or $_ -is [Exception] }).Count | Should -BeGreaterThan 10
        @($variables | Where-Object { $_ -is [System.Management.Automation.WarningRecord] }).Count | Should -BeGreaterThan 0
    }

    It 'the server really echoed the assertion and the tokens (the emulator counted the faults)' {
        (Get-EmulatorCounters $emulator).faultsServed | Should -Be 36 -Because 'each run met 18 faults'
    }

    It 'showed the server''s messages that echoed slices, with each slice redacted' {
        $messages = @($captured | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] } | ForEach-Object { "$_" } |
            Where-Object { $_ -match 'request was: \.\.\.\[redacted\]\.\.\. ending \.\.\.\[redacted\]' })
        $messages.Count | Should -Be 2 -Because 'the token endpoint and the API each echoed slices once'
    }

    It 'ran again in a fresh PowerShell inside Start-Transcript, through the same failures' {
        $transcript | Should -Match 'Windows PowerShell transcript start|PowerShell transcript start'
        foreach ($id in 'HyprInvalidTokenExchange', 'HyprRequestFailed', 'HyprRequestTimedOut', 'HyprRedirectNotFollowed', 'HyprTokenCacheCleared',
            'ClientKeyNotBase64') {
            $transcript | Should -Match $id
        }
        $transcript | Should -Match 'VERBOSE: '
        $tokensChild.Count | Should -BeGreaterOrEqual 4
    }
}

Describe 'Secrets never leak' {
    It 'not in any stream (*>&1): output, errors, warnings, verbose, debug, information' {
        $found = for ($i = 0; $i -lt $captured.Count; $i++) {
            $record = $captured[$i]
            $text = ($record | Out-String -Width 4096) + "$record"
            if ($record -is [System.Management.Automation.ErrorRecord]) { $text += Get-DeepErrorText $record }
            Find-Leak $text "stream item $i ($($record.GetType().Name))" $secretsHereMap
        }
        $found | Should -BeNullOrEmpty
    }

    It 'not in -ErrorVariable, -WarningVariable or -InformationVariable' {
        $found = for ($i = 0; $i -lt $variables.Count; $i++) {
            $record = $variables[$i]
            $text = ($record | Out-String -Width 4096) + "$record"
            if ($record -is [System.Management.Automation.ErrorRecord]) { $text += Get-DeepErrorText $record }
            Find-Leak $text "variable item $i ($($record.GetType().Name))" $secretsHereMap
        }
        $found | Should -BeNullOrEmpty
    }

    It 'not in $Error formatted with Format-List * -Force, nor in any exception or inner exception' {
        $errorsHere.Count | Should -BeGreaterThan 10
        $found = for ($i = 0; $i -lt $errorsHere.Count; $i++) {
            $entry = $errorsHere[$i]
            $text = if ($entry -is
                [System.Management.Automation.ErrorRecord]) { Get-DeepErrorText $entry } else { ($entry | Format-List * -Force |
                    Out-String -Width 4096) + "$entry" }
            Find-Leak $text "`$Error[$i]" $secretsHereMap
        }
        $found | Should -BeNullOrEmpty
    }

    It 'not in ConvertTo-Json -Depth 5 of any output object or error record' {
        $found = for ($i = 0; $i -lt $captured.Count; $i++) {
            $record = $captured[$i]
            # Verbose, warning, debug and information records are text (searched above); as JSON they are mostly InvocationInfo.
            if ($record -is [System.Management.Automation.InformationalRecord] -or $record -is
                [System.Management.Automation.InformationRecord]) { continue }
            Find-Leak (ConvertTo-JsonText $record) "JSON of stream item $i ($($record.GetType().Name))" $secretsHereMap
        }
        $found | Should -BeNullOrEmpty
    }

    It 'not in the transcript of the run in a fresh PowerShell, $Error included' {
        $transcript.Length | Should -BeGreaterThan 5000
        Find-Leak $transcript 'the transcript' $secretsChildMap | Should -BeNullOrEmpty
        # The host wraps long lines at its width (80 here) and prefixes an error's continuation lines with '|': a secret
        # cut across lines is still a secret. None of the secrets holds white space or '|'.
        $unwrapped = $transcript -replace '[\s|]', ''
        Find-Leak $unwrapped 'the transcript, lines joined' $secretsChildMap | Should -BeNullOrEmpty
    }

    It 'is found by this search when it is there (the search itself works)' {
        $planted = "a message with $($tokensHere[0]) in it"
        @(Find-Leak $planted 'a planted message' $secretsHereMap).Count | Should -BeGreaterThan 0
        @(Find-Leak "key $($clientHere.clientKey.Substring(60, 12)) part" 'a planted key part' $secretsHereMap).Count | Should -BeGreaterThan 0
        @(Find-Leak "jwt $($assertionsHere[0])" 'a planted assertion' $secretsHereMap).Count | Should -BeGreaterThan 0
        @(Find-Leak "slice ...$($assertionsHere[0].Substring(41, 19))..." 'a planted assertion slice' $secretsHereMap).Count | Should -BeGreaterThan 0
        @(Find-Leak "slice ...$($tokensHere[0].Substring(13, 19))..." 'a planted token slice' $secretsHereMap).Count | Should -BeGreaterThan 0
    }
}

Describe 'No HTTP message is attached to an error' {
    It 'no HttpRequestMessage, HttpResponseMessage, HttpContent or headers is reachable from any error record' {
        $records = @($captured) + @($variables) | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }
        $records.Count | Should -BeGreaterThan 10
        $found = foreach ($record in $records) {
            Find-HttpMessageInRecord $record | ForEach-Object { "$($record.FullyQualifiedErrorId): $_" }
        }
        $found | Should -BeNullOrEmpty
    }

    It 'is found by this walk when it is there (the walk itself works)' {
        $exception = [System.InvalidOperationException]::new('outer', [System.Exception]::new('inner'))
        $exception.InnerException.Data['response'] = [System.Net.Http.HttpResponseMessage]::new()
        $record = [System.Management.Automation.ErrorRecord]::new($exception, 'Planted', 'NotSpecified', $null)
        @(Find-HttpMessageInRecord $record).Count | Should -BeGreaterThan 0
    }
}
