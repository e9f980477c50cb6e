# Invoke-HyprApi on the built module, against the emulator: the bulk API, paging, echo round trips of methods, bodies,
# queries and headers, token renewal, scope errors, -WhatIf, bad answers, pipeline input and connections.
# The emulator's counters are the evidence of what was (not) sent.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:manifest = Get-HyprModuleManifest
    Import-Module $manifest -Force
    $script:emulator = Start-TestEmulator
    $script:tenant = $emulator.BaseUri
    $script:command = 'HyprAuth.Commands.InvokeHyprApiCommand'
    $script:app = '/rp/api/bulk/HYPRDefaultApplication'
    $script:echoRoute = 'ANY /rp/api/echo'
    $script:fetchRoute = 'POST /rp/api/bulk/{rpAppId}/fetch'
    $script:introspectRoute = 'GET /rp/api/bulk/{rpAppId}/introspect'

    # Runs a script in a new runspace of this process with the module imported there.
    function Invoke-InNewRunspace([string] $Script, [object[]] $Arguments = @()) {
        $shell = [powershell]::Create()
        try {
            $null = $shell.AddScript('param($Manifest) Import-Module $Manifest').AddArgument($manifest).AddStatement()
            $null = $shell.AddScript($Script)
            foreach ($argument in $Arguments) { $null = $shell.AddArgument($argument) }
            [pscustomobject]@{ Output = $shell.Invoke(); Progress = @($shell.Streams.Progress); Errors = @($shell.Streams.Error) }
        }
        finally { $shell.Dispose() }
    }

    $script:client = New-EmulatorClient $emulator @{}
    $script:token = Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -ClientKey $client.clientKey
    $script:tokenValue = Get-TokenValue $token
    Connect-Hypr -TenantUri $tenant -ClientId $client.clientId -ClientKey $client.clientKey
}

AfterAll {
    # Pester runs every file in one session: leave no connection behind for the files after this one.
    Disconnect-Hypr
    Stop-HyprEmulator $emulator
}

Describe 'Invoke-HyprApi: the bulk API' {
    BeforeAll {
        Connect-Hypr -TenantUri $tenant -ClientId $client.clientId -ClientKey $client.clientKey
    }

    It 'introspects the application with the runspace''s connection' {
        $result = Invoke-HyprApi -Path "$app/introspect"
        $result.rpAppId | Should -BeExactly 'HYPRDefaultApplication'
        $result.entities.name | Should -Be @('users', 'devices', 'auditEvents')
        $result.entities | ForEach-Object { $_.count } | Should -Be @(250, 400, 300)
        ($result.entities | Where-Object name -EQ 'users').fields.name | Should -Contain 'userName'
    }

    It 'gets one entity' {
        $users = Invoke-HyprApi "$app/introspect/users"
        $users.name | Should -BeExactly 'users'
        $users.count | Should -Be 250
        $users.count | Should -BeOfType ([long])
        ($users.fields | Where-Object name -EQ 'enabled').type | Should -BeExactly 'boolean'
    }

    It 'reports an unknown entity as an error naming it (HyprRequestFailed, 404)' {
        $err = Get-ThrownError { Invoke-HyprApi "$app/introspect/unicorns" }
        $err[0].FullyQualifiedErrorId | Should -BeExactly "HyprRequestFailed,$command"
        $err[0].Exception.StatusCode | Should -Be 404
        $err[0].Exception.Message | Should -Match 'unicorns'
    }

    It 'fetches one page of a filtered entity' {
        $page = Invoke-HyprApi "$app/fetch" -Method POST -Body @{ entity = 'users'; filter = @{ department = 'Engineering' }; pageSize = 7 }
        $page.entity | Should -BeExactly 'users'
        $page.data.Count | Should -Be 7
        $page.total | Should -BeGreaterThan 7
        $page.nextPageToken | Should -Not -BeNullOrEmpty
        $page.data.department | Sort-Object -Unique | Should -BeExactly 'Engineering'
    }

    It 'follows every page with -All: as many items as the emulator''s total, one request per page' {
        $body = @{ entity = 'users'; filter = @{ department = 'Engineering' }; pageSize = 7 }
        $total = (Invoke-HyprApi "$app/fetch" -Method POST -Body $body).total
        $before = Get-EmulatorCount $emulator requests $fetchRoute
        $items = @(Invoke-HyprApi "$app/fetch" -Method POST -Body $body -All)
        $items.Count | Should -Be $total
        @($items.userName | Sort-Object -Unique).Count | Should -Be $total -Because 'no page is fetched twice'
        $items.department | Sort-Object -Unique | Should -BeExactly 'Engineering'
        Get-EmulatorCount $emulator requests $fetchRoute | Should -Be ($before + [Math]::Ceiling($total / 7))
        $body.Keys | Should -Not -Contain 'pageToken' -Because 'the caller''s hashtable is left as it was'
    }

    It 'follows every page of an unfiltered entity, keeping non-ASCII text intact' {
        $items = @(Invoke-HyprApi "$app/fetch" -Method POST -Body @{ entity = 'users'; pageSize = 100 } -All)
        $items.Count | Should -Be 250
        $items.displayName | Should -Contain 'Zoë Ångström'
    }

    It 'returns nothing, and no error, when the filter matches nothing' {
        $err = $null
        $items = @(Invoke-HyprApi "$app/fetch" -Method POST -Body @{
            entity = 'users'
            filter = @{ department = 'No Such Department' }
        } -All -ErrorVariable err)
        $items.Count | Should -Be 0
        $err | Should -BeNullOrEmpty
    }

    It 'shows progress page by page with -All, and completes it' {
        $run = Invoke-InNewRunspace -Script '
            param($Token, $Path)
            $ProgressPreference = "Continue"
            Invoke-HyprApi -Path $Path -Method POST -Body @{ entity = "devices"; pageSize = 150 } -All -AccessToken $Token
        ' -Arguments @($token, "$app/fetch")
        $run.Errors | Should -BeNullOrEmpty
        $run.Output.Count | Should -Be 400
        $paging = @($run.Progress | Where-Object Activity -EQ 'Invoke-HyprApi -All')
        $paging.Count | Should -Be 4
        $paging[0].StatusDescription | Should -BeExactly 'Page 1: 150 of 400 items'
        $paging[0].PercentComplete | Should -Be 37
        $paging[2].StatusDescription | Should -BeExactly 'Page 3: 400 of 400 items'
        $paging[3].RecordType | Should -Be 'Completed'
    }
}

Describe 'Invoke-HyprApi: echo with each method' {
    It 'sends <Method> and gets the echo back' -ForEach @(
        @{ Method = 'GET' }, @{ Method = 'POST' }, @{ Method = 'PUT' }, @{ Method = 'PATCH' }, @{ Method = 'DELETE' }, @{ Method = 'OPTIONS' }
    ) {
        $before = Get-EmulatorCount $emulator requests $echoRoute
        $echo = Invoke-HyprApi -Path "/rp/api/echo/method/$Method" -Method $Method -AccessToken $token
        $echo.method | Should -BeExactly $Method
        $echo.path | Should -BeExactly "/rp/api/echo/method/$Method"
        $echo.headers.authorization | Should -BeExactly '<redacted: Bearer>'
        Get-EmulatorCount $emulator requests $echoRoute | Should -Be ($before + 1)
    }

    It 'sends HEAD: no output, status 200' {
        $before = Get-EmulatorCount $emulator requests $echoRoute
        $status = $null
        Invoke-HyprApi -Path '/rp/api/echo/head' -Method HEAD -AccessToken $token -StatusCodeVariable status | Should -BeNullOrEmpty
        $status | Should -Be 200
        Get-EmulatorCount $emulator requests $echoRoute | Should -Be ($before + 1)
    }

    It 'takes the method in any case' {
        (Invoke-HyprApi -Path '/rp/api/echo' -Method 'patch' -AccessToken $token).method | Should -BeExactly 'PATCH'
    }
}

Describe 'Invoke-HyprApi: bodies' {
    It 'sends a hashtable as JSON that round-trips' {
        $body = [ordered]@{
            name = 'Zoë Ångström'
            count = 42
            ratio = 1.5
            enabled = $true
            nothing = $null
            tags = @('a', 'b')
            nested = @{ deep = @{ deeper = 'x' } }
        }
        $echo = Invoke-HyprApi -Path '/rp/api/echo' -Method POST -Body $body -AccessToken $token
        $echo.contentType | Should -Match '^application/json'
        $sent = $echo.body | ConvertFrom-Json -AsHashtable
        $sent.name | Should -BeExactly 'Zoë Ångström'
        $sent.count | Should -Be 42
        $sent.ratio | Should -Be 1.5
        $sent.enabled | Should -BeTrue
        $sent.ContainsKey('nothing') | Should -BeTrue
        $sent.nothing | Should -BeNullOrEmpty
        $sent.tags | Should -Be @('a', 'b')
        $sent.nested.deep.deeper | Should -BeExactly 'x'
    }

    It 'sends a PSCustomObject as JSON' {
        $echo = Invoke-HyprApi -Path '/rp/api/echo' -Method PUT -Body ([pscustomobject]@{ id = 7; list = @(1, 2) }) -AccessToken $token
        $sent = $echo.body | ConvertFrom-Json
        $sent.id | Should -Be 7
        $sent.list | Should -Be @(1, 2)
    }

    It 'sends a string as it is, with -ContentType honoured' {
        $text = "line one`nline two: not {json} & Zoë"
        $echo = Invoke-HyprApi -Path '/rp/api/echo' -Method POST -Body $text -ContentType 'text/plain; charset=utf-8' -AccessToken $token
        $echo.body | Should -BeExactly $text
        $echo.contentType | Should -BeExactly 'text/plain; charset=utf-8'
    }

    It 'sends a JSON string as it is (not serialized again)' {
        $json = '{"already":"json","n":[1,2,3]}'
        (Invoke-HyprApi -Path '/rp/api/echo' -Method POST -Body $json -AccessToken $token).body | Should -BeExactly $json
    }

    It 'refuses a body that cannot be serialized (a script block) with InvalidBody, before sending anything' {
        $before = Get-EmulatorRequestTotal $emulator
        $err = Get-ThrownError { Invoke-HyprApi -Path '/rp/api/echo' -Method POST -Body @{ action = { Remove-Item * } } -AccessToken $token }
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeExactly "InvalidBody,$command"
        $err[0].Exception | Should -BeOfType ([HyprAuth.HyprException])
        $err[0].Exception.Message | Should -Match '\$\.action'
        $err[0].Exception.Message | Should -Match 'ScriptBlock'
        Get-EmulatorRequestTotal $emulator | Should -Be $before
    }
}

Describe 'Invoke-HyprApi: queries' {
    It 'encodes reserved characters and non-ASCII text so they round-trip exactly' {
        $query = [ordered]@{
            reserved   = 'a&b=c/d?e#f+g %20;,:@$!''()*[]'
            text       = 'Zoë Ångström 東京 🙂'
            'odd name&=' = 'value'
            multi      = @('one', 'two & three')
            empty      = ''
        }
        $echo = Invoke-HyprApi -Path '/rp/api/echo/query' -Query $query -AccessToken $token
        $echo.query.reserved | Should -BeExactly @('a&b=c/d?e#f+g %20;,:@$!''()*[]')
        $echo.query.text | Should -BeExactly @('Zoë Ångström 東京 🙂')
        $echo.query.'odd name&=' | Should -BeExactly @('value')
        $echo.query.multi | Should -BeExactly @('one', 'two & three')
        $echo.query.empty | Should -BeExactly @('')
        @($echo.query.PSObject.Properties).Count | Should -Be 5
    }

    It 'keeps a query already in -Path and adds -Query to it' {
        $echo = Invoke-HyprApi -Path '/rp/api/echo?x=1' -Query @{ y = '2' } -AccessToken $token
        $echo.query.x | Should -Be @('1')
        $echo.query.y | Should -Be @('2')
    }

    It 'keeps non-ASCII text and escapes in the path' {
        (Invoke-HyprApi -Path '/rp/api/echo/Zoë Ångström/a%2Fb' -AccessToken $token).path | Should -BeExactly '/rp/api/echo/Zoë Ångström/a%2Fb'
    }
}

Describe 'Invoke-HyprApi: headers and the status and response headers variables' {
    It 'sends extra headers' {
        $echo = Invoke-HyprApi -Path '/rp/api/echo' -Headers @{ 'X-Trace' = 't-1'; 'X-Request-Number' = 7 } -AccessToken $token
        $echo.headers.'x-trace' | Should -BeExactly 't-1'
        $echo.headers.'x-request-number' | Should -BeExactly '7'
        $echo.headers.authorization | Should -BeExactly '<redacted: Bearer>' -Because 'the module''s own bearer token is still sent'
    }

    It 'refuses an Authorization header given as <Name>, before sending anything (InvalidHeaders)' -ForEach @(
        @{ Name = 'Authorization' }, @{ Name = 'authorization' }, @{ Name = 'AUTHORIZATION' }
    ) {
        $before = Get-EmulatorRequestTotal $emulator
        $err = Get-ThrownError { Invoke-HyprApi -Path '/rp/api/echo' -Headers @{ $Name = 'Bearer stolen-or-forged' } -AccessToken $token }
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeExactly "InvalidHeaders,$command"
        $err[0].Exception.Message | Should -Match 'Authorization'
        (Get-ErrorText $err[0]).Contains('stolen-or-forged') | Should -BeFalse
        Get-EmulatorRequestTotal $emulator | Should -Be $before
    }

    It 'sets -StatusCodeVariable and -ResponseHeadersVariable' {
        $status = $null
        $headers = $null
        $null = Invoke-HyprApi -Path "$app/introspect" -AccessToken $token -StatusCodeVariable status -ResponseHeadersVariable headers
        $status | Should -Be 200
        $status | Should -BeOfType ([int])
        $headers | Should -BeOfType ([hashtable])
        "$($headers['Content-Type'])" | Should -Match '^application/json'
        "$($headers['content-type'])" | Should -Match '^application/json' -Because 'header names are case-insensitive'
        $headers['Date'] | Should -Not -BeNullOrEmpty
        ($headers.Values | ForEach-Object { "$_" }) -join ' ' | Should -Not -Match ([regex]::Escape($tokenValue))
    }
}

Describe 'Invoke-HyprApi: token renewal when the API rejects the token' {
    It 'renews once and retries once after the emulator revokes the token' {
        $own = New-EmulatorClient $emulator @{}
        $ownToken = Get-HyprAccessToken -TenantUri $tenant -ClientId $own.clientId -ClientKey $own.clientKey
        Invoke-EmulatorControl -Emulator $emulator -Route 'tokens/revoke' -Body @{ clientId = $own.clientId } |
            Select-Object -ExpandProperty revoked | Should -Be 1
        $echoBefore = Get-EmulatorCount $emulator requests $echoRoute

        $echo = Invoke-HyprApi -Path '/rp/api/echo/renewed' -AccessToken $ownToken
        $echo.path | Should -BeExactly '/rp/api/echo/renewed'
        Get-EmulatorCount $emulator requests $echoRoute | Should -Be ($echoBefore + 2) -Because 'the rejected call and exactly one retry'
        Get-EmulatorCount $emulator exchanges $own.clientId | Should -Be 2 -Because 'exactly one new exchange'

        # The renewed token is cached for the next call and for Get-HyprAccessToken.
        $null = Invoke-HyprApi -Path '/rp/api/echo' -AccessToken $ownToken
        Get-EmulatorCount $emulator requests $echoRoute | Should -Be ($echoBefore + 3)
        Get-EmulatorCount $emulator exchanges $own.clientId | Should -Be 2
        $cached = Get-HyprAccessToken -TenantUri $tenant -ClientId $own.clientId -ClientKey $own.clientKey
        $cached.FromCache | Should -BeTrue
        Get-TokenValue $cached | Should -Not -Be (Get-TokenValue $ownToken)
    }

    It 'retries only once: when the renewed token is rejected too, the error is HyprTokenInvalidOrExpired' {
        $own = New-EmulatorClient $emulator @{}
        $ownToken = Get-HyprAccessToken -TenantUri $tenant -ClientId $own.clientId -ClientKey $own.clientKey
        Add-EmulatorFault $emulator @{
            route = 'api'
            kind = 'status'
            status = 401
            count = 2
            body = '{"errorCode":1201046,"errorMessage":"Endpoint API token invalid or expired: token revoked","error":"invalid_token"}'
        }
        $echoBefore = Get-EmulatorCount $emulator requests $echoRoute
        $err = Get-ThrownError { Invoke-HyprApi -Path '/rp/api/echo' -AccessToken $ownToken }
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeExactly "HyprTokenInvalidOrExpired,$command"
        $err[0].Exception.HyprErrorCode | Should -Be 1201046
        $err[0].Exception.StatusCode | Should -Be 401
        Get-EmulatorCount $emulator requests $echoRoute | Should -Be ($echoBefore + 2)
        Get-EmulatorCount $emulator exchanges $own.clientId | Should -Be 2
    }

    It 'cannot renew a token got from a ready assertion: the API''s rejection is the error, and no exchange follows' {
        $own = New-EmulatorClient $emulator @{}
        $fixedToken = Get-HyprAccessToken -TenantUri $tenant -Assertion (New-HyprClientAssertion $own.clientId $own.clientKey)
        Invoke-EmulatorControl -Emulator $emulator -Route 'tokens/revoke' -Body @{ clientId = $own.clientId } | Out-Null
        $echoBefore = Get-EmulatorCount $emulator requests $echoRoute
        $err = Get-ThrownError { Invoke-HyprApi -Path '/rp/api/echo' -AccessToken $fixedToken }
        $err[0].FullyQualifiedErrorId | Should -BeExactly "HyprTokenInvalidOrExpired,$command"
        Get-EmulatorCount $emulator requests $echoRoute | Should -Be ($echoBefore + 1)
        Get-EmulatorCount $emulator exchanges $own.clientId | Should -Be 1
    }

    It 'refuses to use an expired token from a ready assertion (HyprTokenCannotRenew), without sending it' {
        $own = New-EmulatorClient $emulator @{}
        Add-EmulatorFault $emulator @{
            route = 'token'
            kind = 'status'
            status = 200
            body = '{"token_type":"Bearer","expires_in":1,"access_token":"hypap-expiring-soon","scope":"hypr:rp:report"}'
        }
        $fixedToken = Get-HyprAccessToken -TenantUri $tenant -Assertion (New-HyprClientAssertion $own.clientId $own.clientKey)
        $wait = $fixedToken.ExpiresOn.AddMilliseconds(200) - [DateTimeOffset]::UtcNow
        if ($wait -gt [TimeSpan]::Zero) { Start-Sleep -Milliseconds ([int]$wait.TotalMilliseconds) }
        $before = Get-EmulatorRequestTotal $emulator
        $err = Get-ThrownError { Invoke-HyprApi -Path '/rp/api/echo' -AccessToken $fixedToken }
        $err[0].FullyQualifiedErrorId | Should -BeExactly "HyprTokenCannotRenew,$command"
        $err[0].Exception.Message | Should -Match 'cannot be renewed'
        Get-EmulatorRequestTotal $emulator | Should -Be $before
    }
}

Describe 'Invoke-HyprApi: a token without the scope (403) is not retried' {
    BeforeAll {
        $narrow = New-EmulatorClient $emulator @{ scopes = @('hypr:cc:applications') }
        $narrowToken = Get-HyprAccessToken -TenantUri $tenant -ClientId $narrow.clientId -ClientKey $narrow.clientKey
    }

    It 'fails with HyprInsufficientScope naming the scope, one request, no new exchange' {
        $before = Get-EmulatorCount $emulator requests $introspectRoute
        $err = Get-ThrownError { Invoke-HyprApi -Path "$app/introspect" -AccessToken $narrowToken }
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeExactly "HyprInsufficientScope,$command"
        $err[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        $err[0].Exception.StatusCode | Should -Be 403
        $err[0].Exception.Message | Should -Match 'hypr:rp:report'
        $err[0].ErrorDetails.RecommendedAction | Should -Match 'Grant the client the scope'
        $err[0].ErrorDetails.RecommendedAction | Should -Not -Match '-Force' -Because 'a new token would not have the scope either'
        Get-EmulatorCount $emulator requests $introspectRoute | Should -Be ($before + 1)
        Get-EmulatorCount $emulator exchanges $narrow.clientId | Should -Be 1
    }

    It 'fails with HyprInsufficientScope naming the rpAppId for another application' {
        $err = Get-ThrownError { Invoke-HyprApi -Path '/rp/api/bulk/SomeOtherApp/introspect' -AccessToken $token }
        $err[0].FullyQualifiedErrorId | Should -BeExactly "HyprInsufficientScope,$command"
        $err[0].Exception.Message | Should -Match 'rpAppId'
        $err[0].Exception.Message | Should -Match 'SomeOtherApp'
    }

    It 'ends a call made with arguments with a terminating error, so try/catch sees it and the script stops there' {
        $reached = $false
        $caught = $null
        try {
            $null = Invoke-HyprApi -Path '/rp/api/bulk/OtherApp/introspect' -AccessToken $token
            $reached = $true
        }
        catch { $caught = $_ }
        $reached | Should -BeFalse
        $caught.FullyQualifiedErrorId | Should -BeExactly "HyprInsufficientScope,$command"
    }

    It 'reports one failed item of pipeline input as a non-terminating error and goes on with the next' {
        $err = $null
        $results = @(
            [pscustomobject]@{ Path = '/rp/api/bulk/OtherApp/introspect' }
            [pscustomobject]@{ Path = '/rp/api/echo/after-a-refusal' }
        ) | Invoke-HyprApi -AccessToken $token -ErrorVariable err -ErrorAction SilentlyContinue
        $results.path | Should -BeExactly '/rp/api/echo/after-a-refusal'
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeExactly "HyprInsufficientScope,$command"
    }
}

Describe 'Invoke-HyprApi: -WhatIf sends nothing' {
    It '-WhatIf on <Method> sends no request' -ForEach @(@{ Method = 'POST' }, @{ Method = 'PUT' }, @{ Method = 'PATCH' }, @{ Method = 'DELETE' }) {
        $before = Get-EmulatorRequestTotal $emulator
        Invoke-WithoutHost Invoke-HyprApi @{
            Path = '/rp/api/echo'
            Method = $Method
            Body = @{ change = 'everything' }
            AccessToken = $token
            WhatIf = $true
        } | Should -BeNullOrEmpty
        Get-EmulatorRequestTotal $emulator | Should -Be $before
    }

    It '-WhatIf with inline credentials neither exchanges nor sends' {
        $fresh = New-EmulatorClient $emulator @{}
        $before = Get-EmulatorRequestTotal $emulator
        Invoke-WithoutHost Invoke-HyprApi @{
            Path = "$app/fetch"
            Method = 'POST'
            Body = @{ entity = 'users' }
            TenantUri = $tenant
            ClientId = $fresh.clientId
            ClientKey = $fresh.clientKey
            WhatIf = $true
        } |
            Should -BeNullOrEmpty
        Get-EmulatorRequestTotal $emulator | Should -Be $before
        Get-EmulatorCount $emulator exchangeAttempts $fresh.clientId | Should -Be 0
    }

    It 'GET is read-only, so -WhatIf does not hold it back' {
        $before = Get-EmulatorCount $emulator requests $echoRoute
        (Invoke-HyprApi -Path '/rp/api/echo' -AccessToken $token -WhatIf).method | Should -BeExactly 'GET'
        Get-EmulatorCount $emulator requests $echoRoute | Should -Be ($before + 1)
    }
}

Describe 'Invoke-HyprApi: answers that are not what HYPR returns' {
    It 'a 502 HTML page from a proxy: HyprRequestFailed that says what came back, without the page or the token' {
        Add-EmulatorFault $emulator @{ route = 'api'; kind = 'html'; status = 502; count = 2 }
        $before = Get-EmulatorCount $emulator requests $echoRoute
        $err = Get-ThrownError { Invoke-HyprApi -Path '/rp/api/echo' -AccessToken $token -MaximumRetryCount 1 }
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeExactly "HyprRequestFailed,$command"
        $err[0].Exception.StatusCode | Should -Be 502
        $err[0].Exception.Message | Should -Match '502'
        $err[0].Exception.Message | Should -Match 'HTML page'
        $err[0].Exception.Message | Should -Match 'text/html'
        $err[0].Exception.Message | Should -Not -Match '<html|<body|<title' -Because 'the page itself is not dumped'
        $text = Get-ErrorText $err[0]
        $text.Contains($tokenValue) | Should -BeFalse
        $text | Should -Not -Match 'at HyprAuth\.' -Because 'no frame of the engine or the cmdlets reaches the error'
        ($err[0] | Out-String -Width 4096) | Should -Not -Match 'at System\.' -Because 'the error shown is a clear message, not a stack trace'
        Get-EmulatorCount $emulator requests $echoRoute | Should -Be ($before + 2) -Because 'a GET is retried on 502, up to -MaximumRetryCount'
    }

    It 'a single 502 on a GET is retried and the call succeeds' {
        Add-EmulatorFault $emulator @{ route = 'api'; kind = 'html'; status = 502 }
        $before = Get-EmulatorCount $emulator requests $echoRoute
        (Invoke-HyprApi -Path '/rp/api/echo/after-502' -AccessToken $token).path | Should -BeExactly '/rp/api/echo/after-502'
        Get-EmulatorCount $emulator requests $echoRoute | Should -Be ($before + 2)
    }

    It 'a 502 on a POST is not retried (the server may have acted on it)' {
        Add-EmulatorFault $emulator @{ route = 'api'; kind = 'html'; status = 502 }
        $before = Get-EmulatorCount $emulator requests $echoRoute
        $err = Get-ThrownError { Invoke-HyprApi -Path '/rp/api/echo' -Method POST -Body @{ a = 1 } -AccessToken $token }
        $err[0].FullyQualifiedErrorId | Should -BeExactly "HyprRequestFailed,$command"
        Get-EmulatorCount $emulator requests $echoRoute | Should -Be ($before + 1)
    }

    It 'malformed JSON: HyprInvalidResponse that says what came back, without the token' {
        Add-EmulatorFault $emulator @{ route = 'api'; kind = 'malformed-json' }
        $err = Get-ThrownError { Invoke-HyprApi -Path '/rp/api/echo' -AccessToken $token }
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeExactly "HyprInvalidResponse,$command"
        $err[0].CategoryInfo.Category | Should -Be 'InvalidResult'
        $err[0].Exception.Message | Should -Match 'HTTP 200'
        $err[0].Exception.Message | Should -Match 'application/json'
        $err[0].Exception.Message | Should -Match 'not valid JSON'
        (Get-ErrorText $err[0]).Contains($tokenValue) | Should -BeFalse
    }

    It 'goes on after a bad answer: the next call succeeds' {
        Add-EmulatorFault $emulator @{ route = 'api'; kind = 'malformed-json' }
        $null = Get-ThrownError { Invoke-HyprApi -Path '/rp/api/echo' -AccessToken $token }
        (Invoke-HyprApi -Path '/rp/api/echo/next' -AccessToken $token).path | Should -BeExactly '/rp/api/echo/next'
    }

    It 'turns ISO 8601 date-times into DateTime as Invoke-RestMethod does on PowerShell 7, and keeps them as strings with -NoDateConversion' {
        $json = '{"utc":"2026-01-01T10:00:00Z","offset":"2026-01-01T10:00:00.5+02:00","plain":"2026-01-01T10:00:00",' +
            '"date":"2026-01-01","text":"at 2026-01-01T10:00:00Z"}'
        foreach ($i in 1..2) { Add-EmulatorFault $emulator @{
            route = 'api'
            kind = 'status'
            status = 200
            contentType = 'application/json'
            body = $json
        } }
        $answer = Invoke-HyprApi -Path '/rp/api/echo' -AccessToken $token
        $expected = $json | ConvertFrom-Json
        foreach ($name in 'utc', 'offset', 'plain', 'date', 'text') {
            $answer.$name | Should -BeOfType $expected.$name.GetType() -Because "$name as ConvertFrom-Json gives it"
            $answer.$name | Should -Be $expected.$name
        }
        $answer.utc.Kind | Should -Be ([DateTimeKind]::Utc)
        $kept = Invoke-HyprApi -Path '/rp/api/echo' -AccessToken $token -NoDateConversion
        $kept.utc | Should -BeExactly '2026-01-01T10:00:00Z'
    }

    It 'returns a body that is not JSON as a string' {
        Add-EmulatorFault $emulator @{ route = 'api'; kind = 'status'; status = 200; contentType = 'text/plain'; body = 'just text' }
        Invoke-HyprApi -Path '/rp/api/echo' -AccessToken $token | Should -BeExactly 'just text'
    }
}

Describe 'Invoke-HyprApi: retries, timeouts and Ctrl+C' {
    It 'retries a 429 with Retry-After, even for a POST (the server did not process it), and succeeds' {
        Add-EmulatorFault $emulator @{
            route = 'api'
            kind = 'status'
            status = 429
            retryAfter = '1'
            body = '{"errorCode":1202500,"errorMessage":"Too many requests"}'
        }
        $before = Get-EmulatorCount $emulator requests $echoRoute
        $watch = [Diagnostics.Stopwatch]::StartNew()
        (Invoke-HyprApi -Path '/rp/api/echo/throttled' -Method POST -Body @{ a = 1 } -AccessToken $token).path |
            Should -BeExactly '/rp/api/echo/throttled'
        $watch.Elapsed.TotalSeconds | Should -BeGreaterOrEqual 0.9
        Get-EmulatorCount $emulator requests $echoRoute | Should -Be ($before + 2)
    }

    It 'gives up after -MaximumRetryCount retries with HyprRateLimited' {
        Add-EmulatorFault $emulator @{
            route = 'api'
            kind = 'status'
            status = 429
            retryAfter = '0'
            count = 2
            body = '{"errorCode":1202500,"errorMessage":"Too many requests"}'
        }
        $before = Get-EmulatorCount $emulator requests $echoRoute
        $err = Get-ThrownError { Invoke-HyprApi -Path '/rp/api/echo' -AccessToken $token -MaximumRetryCount 1 }
        $err[0].FullyQualifiedErrorId | Should -BeExactly "HyprRateLimited,$command"
        $err[0].Exception.HyprErrorCode | Should -Be 1202500
        Get-EmulatorCount $emulator requests $echoRoute | Should -Be ($before + 2)
    }

    It 'ends a call that takes too long within -TimeoutSec plus a second, with HyprRequestTimedOut' {
        Add-EmulatorFault $emulator @{ route = 'api'; kind = 'delay'; delayMs = 5000 }
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $err = Get-ThrownError { Invoke-HyprApi -Path '/rp/api/echo' -Method POST -AccessToken $token -TimeoutSec 1 }
        $watch.Stop()
        $err[0].FullyQualifiedErrorId | Should -BeExactly "HyprRequestTimedOut,$command"
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 2
    }

    It 'stops a call in flight at once when the pipeline is stopped (Ctrl+C)' {
        Add-EmulatorFault $emulator @{ route = 'api'; kind = 'delay'; delayMs = 8000 }
        $before = Get-EmulatorCount $emulator requests $echoRoute
        $shell = [powershell]::Create()
        try {
            $null = $shell.AddScript('param($Manifest, $Token) Import-Module $Manifest; Invoke-HyprApi -Path /rp/api/echo/slow -AccessToken $Token')
            $null = $shell.AddArgument($manifest).AddArgument($token)
            $handle = $shell.BeginInvoke()
            $deadline = [DateTime]::UtcNow.AddSeconds(10)
            while ((Get-EmulatorCount $emulator requests $echoRoute) -eq $before -and [DateTime]::UtcNow -lt
                $deadline) { Start-Sleep -Milliseconds 50 }
            Get-EmulatorCount $emulator requests $echoRoute | Should -Be ($before + 1) -Because 'the call is in flight'
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $shell.Stop()
            $watch.Stop()
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 1.5
            $handle.IsCompleted | Should -BeTrue
        }
        finally { $shell.Dispose() }
        (Invoke-HyprApi -Path '/rp/api/echo/after-stop' -AccessToken $token).path | Should -BeExactly '/rp/api/echo/after-stop'
    }
}

Describe 'Invoke-HyprApi: pipeline input' {
    It 'makes one call per request object (Path, Method, Body, Query)' {
        $before = Get-EmulatorCount $emulator requests $echoRoute
        $exchangesBefore = Get-EmulatorCount $emulator exchanges $client.clientId
        $requests = @(
            [pscustomobject]@{ Path = '/rp/api/echo/one'; Method = 'POST'; Body = @{ n = 1 }; Query = @{ q = 'a&b' } }
            [pscustomobject]@{ Path = '/rp/api/echo/two'; Method = 'PUT'; Body = 'raw text' }
            [pscustomobject]@{ Path = '/rp/api/echo/three' }
            [pscustomobject]@{ Path = '/rp/api/echo/four'; Method = 'DELETE'; Query = @{ id = 'Zoë' } }
        )
        $results = @($requests | Invoke-HyprApi -AccessToken $token)
        $results.Count | Should -Be 4
        $results.path | Should -Be @('/rp/api/echo/one', '/rp/api/echo/two', '/rp/api/echo/three', '/rp/api/echo/four')
        $results.method | Should -Be @('POST', 'PUT', 'GET', 'DELETE')
        ($results[0].body | ConvertFrom-Json).n | Should -Be 1
        $results[0].query.q | Should -Be @('a&b')
        $results[1].body | Should -BeExactly 'raw text'
        $results[2].body | Should -BeExactly ''
        $results[3].query.id | Should -Be @('Zoë')
        Get-EmulatorCount $emulator requests $echoRoute | Should -Be ($before + 4)
        Get-EmulatorCount $emulator exchanges $client.clientId | Should -Be $exchangesBefore
    }

    It 'reports a bad request object and goes on with the others' {
        $before = Get-EmulatorCount $emulator requests $echoRoute
        $err = $null
        $results = @(
            [pscustomobject]@{ Path = '/rp/api/echo/good-1' }
            [pscustomobject]@{ Path = 'https://evil.example.com/rp/api/echo' }
            [pscustomobject]@{ Path = '/rp/api/echo/good-2' }
        ) | Invoke-HyprApi -AccessToken $token -ErrorVariable err -ErrorAction SilentlyContinue
        @($results).Count | Should -Be 2
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeExactly "InvalidPath,$command"
        Get-EmulatorCount $emulator requests $echoRoute | Should -Be ($before + 2)
    }

    It 'takes -Uri, as Invoke-RestMethod does, for -Path (a full tenant URL or a path)' {
        (Invoke-HyprApi -Uri "$tenant/rp/api/echo/by-uri" -AccessToken $token).path | Should -BeExactly '/rp/api/echo/by-uri'
    }

    It 'takes -Location for -TokenCache, the name the cache cmdlets use' {
        foreach ($name in 'Invoke-HyprApi', 'Get-HyprAccessToken', 'Connect-Hypr') {
            (Get-Command $name).Parameters['TokenCache'].Aliases | Should -Contain 'Location'
        }
        $inline = New-EmulatorClient $emulator @{}
        (Invoke-HyprApi -Path '/rp/api/echo/located' -TenantUri $tenant -ClientId $inline.clientId -ClientKey $inline.clientKey `
            -Location Process).path | Should -BeExactly '/rp/api/echo/located'
    }

    It 'takes the token from the pipeline' {
        ($token | Invoke-HyprApi -Path '/rp/api/echo/piped-token').path | Should -BeExactly '/rp/api/echo/piped-token'
    }
}

Describe 'Invoke-HyprApi: refused before anything is sent' {
    It 'refuses a path absolute to another host (<Path>) with InvalidPath' -ForEach @(
        @{ Path = 'https://evil.example.com/rp/api/echo' }
        @{ Path = 'http://localhost:1/rp/api/echo' }
        @{ Path = '//evil.example.com/rp/api/echo' }
    ) {
        $before = Get-EmulatorRequestTotal $emulator
        $err = Get-ThrownError { Invoke-HyprApi -Path $Path -AccessToken $token }
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeExactly "InvalidPath,$command"
        $err[0].Exception | Should -BeOfType ([HyprAuth.HyprException])
        Get-EmulatorRequestTotal $emulator | Should -Be $before
        (Get-EmulatorCounters $emulator).authorizationSentToOtherHost | Should -Be 0
    }

    It 'accepts an absolute URI on the tenant itself' {
        (Invoke-HyprApi -Path "$tenant/rp/api/echo/absolute" -AccessToken $token).path | Should -BeExactly '/rp/api/echo/absolute'
    }
}

Describe 'Invoke-HyprApi: which token' {
    It 'fails with NoConnection in a runspace where no Connect-Hypr ran, before any request' {
        $before = Get-EmulatorRequestTotal $emulator
        $run = Invoke-InNewRunspace -Script '
            try { Invoke-HyprApi -Path "/rp/api/echo" -ErrorAction Stop }
            catch { $_.FullyQualifiedErrorId; $_.Exception.GetType().FullName; $_.CategoryInfo.Category }
        '
        $run.Output[0] | Should -BeExactly "NoConnection,$command"
        $run.Output[1] | Should -BeExactly 'HyprAuth.HyprException'
        "$($run.Output[2])" | Should -BeExactly 'InvalidOperation'
        Get-EmulatorRequestTotal $emulator | Should -Be $before
    }

    It 'uses the connection of the most recent Connect-Hypr in this runspace' {
        $narrow = New-EmulatorClient $emulator @{ scopes = @('hypr:cc:applications') }
        Connect-Hypr -TenantUri $tenant -ClientId $narrow.clientId -ClientKey $narrow.clientKey
        $err = Get-ThrownError { Invoke-HyprApi -Path "$app/introspect" }
        $err[0].FullyQualifiedErrorId | Should -BeExactly "HyprInsufficientScope,$command"
        Connect-Hypr -TenantUri $tenant -ClientId $client.clientId -ClientKey $client.clientKey
        (Invoke-HyprApi -Path "$app/introspect").rpAppId | Should -BeExactly 'HYPRDefaultApplication'
    }

    It 'takes inline credentials for a one-line call, through the session cache' {
        $inline = New-EmulatorClient $emulator @{}
        $first = Invoke-HyprApi -Path '/rp/api/echo/inline' -TenantUri $tenant -ClientId $inline.clientId -ClientKey $inline.clientKey
        $first.path | Should -BeExactly '/rp/api/echo/inline'
        $null = Invoke-HyprApi -Path '/rp/api/echo/inline' -TenantUri $tenant -ClientId $inline.clientId -ClientKey $inline.clientKey
        Get-EmulatorCount $emulator exchanges $inline.clientId | Should -Be 1
        (Get-HyprAccessToken -TenantUri $tenant -ClientId $inline.clientId -ClientKey $inline.clientKey).FromCache | Should -BeTrue
    }

    It 'stops with the exchange''s error when inline credentials are wrong' {
        $inline = New-EmulatorClient $emulator @{}
        $stranger = New-EmulatorClient $emulator @{}
        { Invoke-HyprApi -Path '/rp/api/echo' -TenantUri $tenant -ClientId $inline.clientId -ClientKey $stranger.clientKey } |
            Should -Throw -ErrorId "HyprInvalidTokenExchange,$command"
    }
}

Describe 'Invoke-HyprApi: number types, paging that goes round in circles, and an early exit' {
    BeforeAll {
        Connect-Hypr -TenantUri $tenant -ClientId $client.clientId -ClientKey $client.clientKey
    }

    AfterAll {
        # Faults left unserved must not reach another Describe.
        Invoke-EmulatorControl -Emulator $emulator -Route 'reset' | Out-Null
    }

    It 'gives numbers one type per kind of literal: Int64, BigInteger, and Double for a fraction or exponent' {
        Add-EmulatorFault $emulator @{ route = '/rp/api/echo'; kind = 'status'; status = 200; contentType = 'application/json'
            body = '{"whole":5,"wholeFraction":2.0,"fraction":2.5,"exponent":1e2,"huge":123456789012345678901234567890}' }
        $result = Invoke-HyprApi -Path /rp/api/echo
        $result.whole | Should -BeOfType ([long])
        $result.wholeFraction | Should -BeOfType ([double])
        $result.fraction | Should -BeOfType ([double])
        $result.exponent | Should -BeOfType ([double])
        $result.huge | Should -BeOfType ([System.Numerics.BigInteger])
        $result.huge.ToString() | Should -BeExactly '123456789012345678901234567890'
    }

    It 'stops -All with HyprInvalidResponse when a page token comes back (A, B, A)' {
        foreach ($page in @('{"data":[1],"nextPageToken":"A"}', '{"data":[2],"nextPageToken":"B"}', '{"data":[3],"nextPageToken":"A"}')) {
            Add-EmulatorFault $emulator @{ route = "$app/fetch"; kind = 'status'; status = 200; contentType = 'application/json'; body = $page }
        }
        $before = Get-EmulatorCount $emulator requests $fetchRoute
        $items = [System.Collections.Generic.List[object]]::new()
        $failure = Get-ThrownError { Invoke-HyprApi -Path "$app/fetch" -Method POST -Body @{ entity = 'users' } -All |
            ForEach-Object { $items.Add($_) } }
        $items | Should -Be @(1, 2, 3)
        $failure.FullyQualifiedErrorId | Should -BeExactly "HyprInvalidResponse,$command"
        (Get-EmulatorCount $emulator requests $fetchRoute) - $before | Should -Be 3
    }

    It 'sends nothing more once the command has ended early (a Stop preference on a retry''s verbose line)' {
        Add-EmulatorFault $emulator @{ route = '/rp/api/echo'; kind = 'status'; status = 503; retryAfter = '1'; count = 3 }
        $before = Get-EmulatorCount $emulator requests $echoRoute
        {
            $VerbosePreference = 'Stop'
            # The verbose line that stops the command would be printed on its way: not into the test log.
            Invoke-HyprApi -Path /rp/api/echo -Method POST -Body @{ step = 'once' } -MaximumRetryCount 3 4>$null
        } | Should -Throw
        # Retries would come at about 1 s intervals: wait long enough to see one.
        Start-Sleep -Seconds 2.5
        (Get-EmulatorCount $emulator requests $echoRoute) - $before | Should -Be 1
    }
}

Describe 'Invoke-HyprApi: the status and headers variables after a failed answer' {
    It 'sets -StatusCodeVariable and -ResponseHeadersVariable to the failed answer, not the previous one' {
        Connect-Hypr -TenantUri $tenant -ClientId $client.clientId -ClientKey $client.clientKey
        $null = Invoke-HyprApi -Path /rp/api/echo -StatusCodeVariable status -ResponseHeadersVariable headers
        $status | Should -Be 200
        Add-EmulatorFault $emulator @{
            route = '/rp/api/echo'
            kind = 'status'
            status = 404
            contentType = 'application/json'
            body = '{"errorCode":1200404,"errorMessage":"no such thing"}'
        }
        try { $null = Invoke-HyprApi -Path /rp/api/echo -StatusCodeVariable status -ResponseHeadersVariable headers } catch { $null = $_ }
        $status | Should -Be 404
        $headers['Content-Type'] | Should -Match 'application/json'
    }
}
