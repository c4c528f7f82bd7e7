<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>LabTimelineLayout</name>
    <message>
        <location filename="../../ui/lab/lab_timeline_layout.cpp" line="+118"/>
        <source>At %1 s: rtt %2 ms (variation %3 ms), cwnd %4 segments, %5 unacknowledged; TCP_INFO counts %6 retransmissions so far, the wire %7 segments resent and %8 dropped from A.</source>
        <translation>%1 s 时：rtt %2 ms（波动 %3 ms），cwnd %4 个报文段，%5 个未确认；TCP_INFO 至今累计 %6 次重传，线路上 A 发出的报文段重发 %7 个、丢弃 %8 个。</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <location filename="../../ui/views/copy_kind.cpp" line="+13"/>
        <source>Hex</source>
        <translation>十六进制</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Escaped text</source>
        <translation>转义文本</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>C array</source>
        <translation>C 数组</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Python bytes</source>
        <translation>Python 字节串</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/presets.cpp" line="+36"/>
        <source>TCP client</source>
        <translation>TCP 客户端</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>TCP server</source>
        <translation>TCP 服务器</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>UDP endpoint</source>
        <translation>UDP 端点</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+138"/>
        <source>Unix stream</source>
        <translation>Unix 流</translation>
    </message>
    <message>
        <location line="-136"/>
        <location line="+137"/>
        <source>Unix datagram</source>
        <translation>Unix 数据报</translation>
    </message>
    <message>
        <location line="-135"/>
        <source>ICMP ping</source>
        <translation>ICMP ping</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Relay (TCP)</source>
        <translation>中继（TCP）</translation>
    </message>
    <message>
        <location line="+129"/>
        <source>Ping</source>
        <translation>Ping</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unix seqpacket</source>
        <translation>Unix 有序分组</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>TCP</source>
        <translation>TCP</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>UDP</source>
        <translation>UDP</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 client</source>
        <translation>%1 客户端</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 server</source>
        <translation>%1 服务器</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 relay</source>
        <translation>%1 中继</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lab wire</source>
        <translation>实验线路</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <location filename="../../ui/shortcuts.cpp" line="+22"/>
        <source>New tab</source>
        <translation>新建标签页</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open workspace</source>
        <translation>打开工作区</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save workspace</source>
        <translation>保存工作区</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save workspace as</source>
        <translation>工作区另存为</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export capture</source>
        <translation>导出捕获</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Close tab</source>
        <translation>关闭标签页</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open / close socket</source>
        <translation>打开/关闭套接字</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Start all tabs</source>
        <translation>启动所有标签页</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Clear capture</source>
        <translation>清除捕获</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Show code</source>
        <translation>显示代码</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Next tab</source>
        <translation>下一个标签页</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Previous tab</source>
        <translation>上一个标签页</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Find in the capture</source>
        <translation>在捕获中查找</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Find next</source>
        <translation>查找下一个</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Find previous</source>
        <translation>查找上一个</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Focus the next view</source>
        <translation>聚焦下一个视图</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Focus the previous view</source>
        <translation>聚焦上一个视图</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Copy as…</source>
        <translation>复制为…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Filter the capture</source>
        <translation>过滤捕获</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Copy the selected bytes</source>
        <translation>复制选中的字节</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New TCP vs UDP lab</source>
        <translation>新建 TCP 与 UDP 对比实验</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Send</source>
        <translation>发送</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../../app/main.cpp" line="+66"/>
        <source>SockLab: a socket workbench.</source>
        <translation>SockLab：套接字工作台。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Workspace file (.socklab, or .json) to open. Its sockets stay closed until you start its tabs, unless --open-sockets is given.</source>
        <translation>要打开的工作区文件（.socklab 或 .json）。除非指定了 --open-sockets，否则其中的套接字保持关闭，直到你启动相应的标签页。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Open the sockets of the workspace&apos;s tabs at once (listen, bind, connect), in tab order.</source>
        <translation>立即按标签页顺序打开工作区中各标签页的套接字（监听、绑定、连接）。</translation>
    </message>
</context>
<context>
    <name>socklab</name>
    <message>
        <location filename="../../core/base/error.cpp" line="+80"/>
        <source>Operation not permitted</source>
        <translation>不允许的操作</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No such file or directory</source>
        <translation>没有那个文件或目录</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No such device or address</source>
        <translation>没有那个设备或地址</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Interrupted system call</source>
        <translation>被中断的系统调用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Input/output error</source>
        <translation>输入/输出错误</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bad file descriptor</source>
        <translation>错误的文件描述符</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Resource temporarily unavailable</source>
        <translation>资源暂时不可用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cannot allocate memory</source>
        <translation>无法分配内存</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Permission denied</source>
        <translation>权限不够</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bad address</source>
        <translation>错误的地址</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Device or resource busy</source>
        <translation>设备或资源忙</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>File exists</source>
        <translation>文件已存在</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No such device</source>
        <translation>没有那个设备</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not a directory</source>
        <translation>不是目录</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Is a directory</source>
        <translation>是一个目录</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Invalid argument</source>
        <translation>无效的参数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Too many open files in system</source>
        <translation>系统中打开的文件过多</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Too many open files</source>
        <translation>打开的文件过多</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No space left on device</source>
        <translation>设备上没有空间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Read-only file system</source>
        <translation>只读文件系统</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Broken pipe</source>
        <translation>断开的管道</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Numerical result out of range</source>
        <translation>数值结果超出范围</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>File name too long</source>
        <translation>文件名过长</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Function not implemented</source>
        <translation>函数未实现</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Socket operation on non-socket</source>
        <translation>对非套接字进行套接字操作</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Destination address required</source>
        <translation>需要目标地址</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Message too long</source>
        <translation>消息过长</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Protocol wrong type for socket</source>
        <translation>套接字的协议类型错误</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Protocol not available</source>
        <translation>协议不可用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Protocol not supported</source>
        <translation>不支持的协议</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Socket type not supported</source>
        <translation>不支持的套接字类型</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Operation not supported</source>
        <translation>不支持的操作</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Protocol family not supported</source>
        <translation>不支持的协议族</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Address family not supported by protocol</source>
        <translation>协议不支持该地址族</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Address already in use</source>
        <translation>地址已在使用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cannot assign requested address</source>
        <translation>无法指定被请求的地址</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Network is down</source>
        <translation>网络已关闭</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Network is unreachable</source>
        <translation>网络不可达</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Network dropped connection on reset</source>
        <translation>重置时断开网络连接</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Operation canceled</source>
        <translation>操作已取消</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>File too large</source>
        <translation>文件过大</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Software caused connection abort</source>
        <translation>软件导致连接中止</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connection reset by peer</source>
        <translation>连接被对方重置</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No buffer space available</source>
        <translation>没有可用的缓冲区空间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Transport endpoint is already connected</source>
        <translation>传输端点已连接</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Transport endpoint is not connected</source>
        <translation>传输端点尚未连接</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cannot send after transport endpoint shutdown</source>
        <translation>传输端点关闭后无法发送</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connection timed out</source>
        <translation>连接超时</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connection refused</source>
        <translation>连接被拒绝</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Host is down</source>
        <translation>主机已关闭</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No route to host</source>
        <translation>没有到主机的路由</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Operation already in progress</source>
        <translation>操作已在进行中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Operation now in progress</source>
        <translation>操作正在进行中</translation>
    </message>
    <message>
        <location filename="../../core/lab/lab_experiments_util.cpp" line="+44"/>
        <source>This experiment looks at the packets on the lab wire, and this run had no lab network (it ran over relays on loopback).</source>
        <translation>此实验观察的是实验线路上的数据包，而本次运行没有实验网络（它是通过环回接口上的中继运行的）。</translation>
    </message>
    <message>
        <location filename="../../core/net/endpoint_parse.cpp" line="+31"/>
        <location filename="../../core/net/resolver.cpp" line="+138"/>
        <location line="+8"/>
        <location line="+9"/>
        <location line="+11"/>
        <location line="+31"/>
        <location line="+4"/>
        <location line="+3"/>
        <location line="+11"/>
        <source>parse address</source>
        <translation>解析地址</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>empty scope after &apos;%&apos;</source>
        <translation>&apos;%&apos; 之后的作用域为空</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>scope &apos;%1&apos; out of range</source>
        <translation>作用域 &apos;%1&apos; 超出范围</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>unknown interface &apos;%1&apos; in scope</source>
        <translation>作用域中的网络接口 &apos;%1&apos; 未知</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>parse port</source>
        <translation>解析端口</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>port is empty</source>
        <translation>端口为空</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+8"/>
        <source>port &apos;%1&apos; is not a number</source>
        <translation>端口 &apos;%1&apos; 不是数字</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>port %1 out of range 0-65535</source>
        <translation>端口 %1 超出范围 0-65535</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>missing &apos;]&apos; after IPv6 address</source>
        <translation>IPv6 地址后缺少 &apos;]&apos;</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>expected &apos;:port&apos; after &apos;]&apos;, found &apos;%1&apos;</source>
        <translation>&apos;]&apos; 之后应为 &apos;:port&apos;，实际为 &apos;%1&apos;</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+16"/>
        <source>missing port after &apos;:&apos;</source>
        <translation>&apos;:&apos; 之后缺少端口</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Unix path is empty</source>
        <translation>Unix 路径为空</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unix path contains a NUL byte</source>
        <translation>Unix 路径包含 NUL 字节</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unix path is %1 bytes, the limit is %2</source>
        <translation>Unix 路径长 %1 字节，上限为 %2</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>abstract name is %1 bytes, the limit is %2</source>
        <translation>抽象名称长 %1 字节，上限为 %2</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>family %1 has no text address form</source>
        <translation>地址族 %1 没有文本形式的地址</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>address is empty</source>
        <translation>地址为空</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>a Unix address needs the AF_UNIX family</source>
        <translation>Unix 地址需要 AF_UNIX 地址族</translation>
    </message>
    <message>
        <location filename="../../core/capture/live_save.cpp" line="+342"/>
        <location filename="../../core/capture/spill_file.cpp" line="+26"/>
        <location filename="../../core/net/endpoint_parse.cpp" line="+7"/>
        <location filename="../../core/play/replay_script.cpp" line="+214"/>
        <location filename="../../core/respond/sequence.cpp" line="+72"/>
        <source>control character %1 at position %2</source>
        <translation>位置 %2 处有控制字符 %1</translation>
    </message>
    <message>
        <location filename="../../core/net/endpoint_parse.cpp" line="+19"/>
        <source>missing host before &apos;:&apos;</source>
        <translation>&apos;:&apos; 之前缺少主机</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>IPv4 address %1 for an IPv6 socket: write ::ffff:%1 or switch the family to IPv4</source>
        <translation>IPv6 套接字使用了 IPv4 地址 %1：请写成 ::ffff:%1，或将地址族切换为 IPv4</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>brackets are only for IPv6 addresses</source>
        <translation>方括号只用于 IPv6 地址</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>IPv6 address %1 for an IPv4 socket: switch the family to IPv6</source>
        <translation>IPv4 套接字使用了 IPv6 地址 %1：请将地址族切换为 IPv6</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>a scope (&apos;%&apos;) applies only to IPv6 addresses</source>
        <translation>作用域（&apos;%&apos;）只适用于 IPv6 地址</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&apos;%1&apos; is not a numeric IP address (host names need resolving)</source>
        <translation>&apos;%1&apos; 不是数字形式的 IP 地址（主机名需要解析）</translation>
    </message>
    <message>
        <location filename="../../core/net/socket_spec.cpp" line="+22"/>
        <source>IPv4</source>
        <translation>IPv4</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Internet Protocol version 4: 32-bit addresses such as 127.0.0.1 plus a port.</source>
        <translation>互联网协议第 4 版：32 位地址（如 127.0.0.1）加端口号。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>IPv6</source>
        <translation>IPv6</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Internet Protocol version 6: 128-bit addresses such as ::1 plus a port; can also reach IPv4 peers through mapped addresses unless IPV6_V6ONLY is set.</source>
        <translation>互联网协议第 6 版：128 位地址（如 ::1）加端口号；除非设置了 IPV6_V6ONLY，也可以通过映射地址访问 IPv4 对端。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unix</source>
        <translation>Unix</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Local sockets between processes on the same machine, named by a file path or an abstract name; no network involved.</source>
        <translation>同一台机器上进程之间的本地套接字，以文件路径或抽象名称命名；不经过网络。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Packet</source>
        <translation>链路层</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Link-layer access: send and receive whole frames on a network interface, below IP (needs CAP_NET_RAW).</source>
        <translation>链路层访问：在网络接口上收发完整的帧，位于 IP 之下（需要 CAP_NET_RAW）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>TIPC</source>
        <translation>TIPC</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transparent Inter-Process Communication, a cluster messaging protocol; needs the tipc kernel module.</source>
        <translation>透明进程间通信（TIPC），一种集群消息协议；需要 tipc 内核模块。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unspecified</source>
        <translation>未指定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&quot;Any family&quot;: a wildcard for address lookups (getaddrinfo), not a family you can create a socket in.</source>
        <translation>“任意地址族”：用于地址查询（getaddrinfo）的通配值，不能用来创建套接字。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Stream</source>
        <translation>流</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ordered, reliable, two-way, connection-based byte stream (no message boundaries).</source>
        <translation>有序、可靠、双向、面向连接的字节流（没有消息边界）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Datagram</source>
        <translation>数据报</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connectionless, unreliable datagrams of bounded size; each send is one message.</source>
        <translation>无连接、不可靠、大小有限的数据报；每次发送就是一条消息。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Raw</source>
        <translation>原始</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Direct access to a lower protocol layer: you see (and may build) the headers yourself; usually needs CAP_NET_RAW.</source>
        <translation>直接访问下层协议：你能看到（也可以自己构造）协议首部；通常需要 CAP_NET_RAW。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Seqpacket</source>
        <translation>有序分组</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ordered, reliable, connection-based like a stream, but keeps message boundaries.</source>
        <translation>像流一样有序、可靠、面向连接，但保留消息边界。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Packet (obsolete)</source>
        <translation>链路层（已废弃）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Obsolete Linux way to get raw frames from the device driver; use AF_PACKET instead.</source>
        <translation>Linux 从设备驱动获取原始帧的旧方式，已废弃；请改用 AF_PACKET。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>RDM</source>
        <translation>RDM</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reliably delivered messages without ordering guarantees (offered by TIPC and RDS, not by IP).</source>
        <translation>可靠交付但不保证顺序的消息（由 TIPC 和 RDS 提供，IP 不提供）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Default</source>
        <translation>默认</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Let the kernel pick the family&apos;s usual protocol for the type (TCP for an IP stream, UDP for an IP datagram).</source>
        <translation>由内核为该类型选择地址族的常用协议（IP 流为 TCP，IP 数据报为 UDP）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>TCP</source>
        <translation>TCP</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transmission Control Protocol: reliable, ordered byte stream with connection setup, retransmission and congestion control.</source>
        <translation>传输控制协议：可靠、有序的字节流，具有连接建立、重传和拥塞控制。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>UDP</source>
        <translation>UDP</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User Datagram Protocol: small header, no connection, no retransmission; messages may be lost, duplicated or reordered.</source>
        <translation>用户数据报协议：首部小，无连接，不重传；消息可能丢失、重复或乱序。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>SCTP</source>
        <translation>SCTP</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stream Control Transmission Protocol: reliable messages over several streams and addresses; needs the sctp kernel module.</source>
        <translation>流控制传输协议：在多个流和多个地址上传输可靠的消息；需要 sctp 内核模块。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>UDP-Lite</source>
        <translation>UDP-Lite</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>UDP variant whose checksum may cover only the first bytes, so damaged payloads can still be delivered (audio, video).</source>
        <translation>UDP 的变体，其校验和可以只覆盖开头的若干字节，因此受损的载荷仍可交付（用于音频、视频）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>MPTCP</source>
        <translation>MPTCP</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Multipath TCP: one TCP-like connection spread over several paths (e.g. Wi-Fi and cellular) at once.</source>
        <translation>多路径 TCP：一条类似 TCP 的连接同时分布在多条路径上（例如 Wi-Fi 和蜂窝网络）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ICMP</source>
        <translation>ICMP</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Internet Control Message Protocol for IPv4: echo (ping), unreachable and other control messages.</source>
        <translation>IPv4 的互联网控制报文协议：回显（ping）、不可达及其他控制消息。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>ICMPv6</source>
        <translation>ICMPv6</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ICMP for IPv6: ping, errors, and neighbour discovery (the IPv6 ARP).</source>
        <translation>IPv6 的 ICMP：ping、差错报告和邻居发现（相当于 IPv6 的 ARP）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Raw IP</source>
        <translation>原始 IP</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send-only raw IP: you write the whole IP header yourself (IP_HDRINCL is implied).</source>
        <translation>只发送的原始 IP：由你自己写出整个 IP 首部（隐含 IP_HDRINCL）。</translation>
    </message>
    <message>
        <location filename="../../core/net/socket_spec_probe.cpp" line="+28"/>
        <source>family %1</source>
        <extracomment>An unknown address family, by number.</extracomment>
        <translation>地址族 %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>type %1</source>
        <translation>类型 %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+3"/>
        <location line="+5"/>
        <source>protocol %1</source>
        <translation>协议 %1</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>%1 %2 (an empty range: no group may open ping sockets)</source>
        <extracomment>%1 and %2: the range&apos;s bounds (group ids).</extracomment>
        <translation>%1 %2（空范围：任何组都不能打开 ping 套接字）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>unreadable (%1)</source>
        <translation>无法读取（%1）</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>net.ipv4.ping_group_range is %1; your effective gid is %2 (supplementary groups: none)</source>
        <extracomment>%1: the range, &quot;1 0 (an empty range...)&quot;; %2: a group id.</extracomment>
        <translation>net.ipv4.ping_group_range 为 %1；你的有效 gid 为 %2（附加组：无）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>net.ipv4.ping_group_range is %1; your effective gid is %2 (supplementary groups: %3)</source>
        <extracomment>%1: the range, &quot;0 2147483647&quot;; %2: a group id; %3: group ids, &quot;4,24,27&quot;.</extracomment>
        <translation>net.ipv4.ping_group_range 为 %1；你的有效 gid 为 %2（附加组：%3）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>A Multipath %1 TCP socket; it falls back to plain TCP when the peer does not speak MPTCP.</source>
        <translation>基于 %1 的多路径 TCP 套接字；对端不支持 MPTCP 时回退为普通 TCP。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A one-to-one SCTP socket over %1 (byte-stream style API).</source>
        <translation>基于 %1 的一对一 SCTP 套接字（字节流风格的 API）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A TCP socket over %1 (protocol 0 picks TCP): connect to a listener or listen() and accept() connections.</source>
        <translation>基于 %1 的 TCP 套接字（协议 0 即选择 TCP）：可以连接到监听器，或者 listen() 并 accept() 连接。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A TCP socket over %1: connect to a listener or listen() and accept() connections.</source>
        <translation>基于 %1 的 TCP 套接字：可以连接到监听器，或者 listen() 并 accept() 连接。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>An unprivileged ICMP echo (&quot;ping&quot;) socket over %1: the kernel fills in the echo identifier and checksum. Allowed because %2.</source>
        <translation>基于 %1 的非特权 ICMP 回显（“ping”）套接字：由内核填写回显标识符和校验和。之所以允许，是因为 %2。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A UDP-Lite socket over %1: like UDP, with a partial checksum.</source>
        <translation>基于 %1 的 UDP-Lite 套接字：与 UDP 类似，但校验和可以只覆盖部分数据。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A UDP socket over %1 (protocol 0 picks UDP): each send is one datagram; nothing is retransmitted.</source>
        <translation>基于 %1 的 UDP 套接字（协议 0 即选择 UDP）：每次发送就是一个数据报；不会重传任何数据。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A UDP socket over %1: each send is one datagram; nothing is retransmitted.</source>
        <translation>基于 %1 的 UDP 套接字：每次发送就是一个数据报；不会重传任何数据。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A send-only raw %1 socket: you write the whole IP header yourself; it never receives anything.</source>
        <translation>只发送的原始 %1 套接字：由你自己写出整个 IP 首部；它永远收不到任何数据。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A raw %1 socket for %2: receives a copy of every %2 packet for this host (IP header included), and sends with the kernel adding the IP header. Allowed because the process has CAP_NET_RAW.</source>
        <translation>用于 %2 的原始 %1 套接字：接收本机每个 %2 数据包的副本（包含 IP 首部），发送时由内核添加 IP 首部。之所以允许，是因为进程拥有 CAP_NET_RAW。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A raw %1 socket for %2: receives a copy of every %2 packet for this host (payload only), and sends with the kernel adding the IP header. Allowed because the process has CAP_NET_RAW.</source>
        <translation>用于 %2 的原始 %1 套接字：接收本机每个 %2 数据包的副本（仅载荷），发送时由内核添加 IP 首部。之所以允许，是因为进程拥有 CAP_NET_RAW。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A one-to-many SCTP socket over %1: messages keep their boundaries.</source>
        <translation>基于 %1 的一对多 SCTP 套接字：消息保留边界。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>An obsolete SOCK_PACKET socket: raw frames straight from the driver. The kernel still accepts it (with CAP_NET_RAW) but new code should use AF_PACKET with SOCK_RAW.</source>
        <translation>已废弃的 SOCK_PACKET 套接字：直接从驱动获取原始帧。内核仍然接受它（需要 CAP_NET_RAW），但新代码应使用 AF_PACKET 配合 SOCK_RAW。</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+83"/>
        <source>The kernel created a %1 %2 socket.</source>
        <translation>内核创建了一个 %1 %2 套接字。</translation>
    </message>
    <message>
        <location line="-75"/>
        <source>A Unix stream socket: a reliable byte stream between local processes.</source>
        <translation>Unix 流套接字：本地进程之间可靠的字节流。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A Unix datagram socket: reliable and ordered on one machine, with message boundaries.</source>
        <translation>Unix 数据报套接字：在同一台机器上可靠且有序，并保留消息边界。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A Unix seqpacket socket: connection-based, reliable, keeps message boundaries.</source>
        <translation>Unix 有序分组套接字：面向连接、可靠、保留消息边界。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Linux accepts SOCK_RAW in AF_UNIX and silently treats it as SOCK_DGRAM.</source>
        <translation>Linux 在 AF_UNIX 中接受 SOCK_RAW，并悄悄把它当作 SOCK_DGRAM 处理。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The kernel created a Unix %1 socket.</source>
        <translation>内核创建了一个 Unix %1 套接字。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 Protocol 1 means PF_UNIX here (the same number as IPPROTO_ICMP), which AF_UNIX accepts like 0.</source>
        <extracomment>%1: the sentence before (what the socket is).</extracomment>
        <translation>%1此处协议 1 表示 PF_UNIX（与 IPPROTO_ICMP 的编号相同），AF_UNIX 会像 0 一样接受它。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>A packet socket that sees whole link-layer frames, Ethernet header included.</source>
        <translation>能看到完整链路层帧（包括以太网首部）的 packet 套接字。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A &quot;cooked&quot; packet socket: frames arrive with the link-layer header removed.</source>
        <translation>“cooked”（已处理）packet 套接字：帧到达时已去掉链路层首部。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>AF_PACKET with the obsolete SOCK_PACKET type (the old interface kept for compatibility); prefer SOCK_RAW.</source>
        <translation>AF_PACKET 配合已废弃的 SOCK_PACKET 类型（为兼容而保留的旧接口）；建议改用 SOCK_RAW。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The kernel created a packet socket of %1.</source>
        <translation>内核创建了一个 %1 类型的 packet 套接字。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 Protocol 0 receives nothing until bound to an EtherType; use htons(ETH_P_ALL) to see every frame.</source>
        <extracomment>%1: the sentence before (what the packet socket is).</extracomment>
        <translation>%1协议 0 在绑定到某个 EtherType 之前收不到任何帧；使用 htons(ETH_P_ALL) 可以看到所有帧。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 Here the protocol is an EtherType in network byte order, so %2 means EtherType %3, not %4.</source>
        <extracomment>%1: the sentence before; %2: the protocol number; %3: it as EtherType, &quot;0x0800&quot;; %4: the protocol it would mean in IP, &quot;IPPROTO_ICMP&quot;.</extracomment>
        <translation>%1此处协议是网络字节序的 EtherType，因此 %2 表示 EtherType %3，而不是 %4。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 Allowed because the process has CAP_NET_RAW.</source>
        <extracomment>%1: the sentences before.</extracomment>
        <translation>%1之所以允许，是因为进程拥有 CAP_NET_RAW。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Accepted by the kernel</source>
        <translation>内核已接受</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>AF_UNSPEC means &quot;any family&quot; in address lookups (getaddrinfo); it is not a family a socket can belong to.</source>
        <translation>AF_UNSPEC 在地址查询（getaddrinfo）中表示“任意地址族”；套接字不能属于这个地址族。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Pick a concrete family: AF_INET, AF_INET6 or AF_UNIX.</source>
        <translation>请选择一个具体的地址族：AF_INET、AF_INET6 或 AF_UNIX。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This kernel has no AF_TIPC: the tipc module is not loaded (or TIPC was not compiled in).</source>
        <translation>此内核没有 AF_TIPC：tipc 模块未加载（或内核未编译 TIPC）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Load it as root with &apos;modprobe tipc&apos; (needs a kernel built with CONFIG_TIPC).</source>
        <translation>以 root 身份执行 &apos;modprobe tipc&apos; 加载它（需要以 CONFIG_TIPC 构建的内核）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This kernel does not offer %1: the family is not compiled in or its module is not loaded.</source>
        <translation>此内核不提供 %1：该地址族未编译进内核，或其模块未加载。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Load the module for %1 (modprobe) or use a kernel built with it.</source>
        <translation>加载 %1 的模块（modprobe），或使用包含它的内核。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>SOCK_PACKET is obsolete and only survives in AF_INET; %1 has no such type.</source>
        <translation>SOCK_PACKET 已废弃，只在 AF_INET 中保留；%1 没有这种类型。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Use AF_PACKET with SOCK_RAW (or SOCK_DGRAM) to get link-layer frames.</source>
        <translation>使用 AF_PACKET 配合 SOCK_RAW（或 SOCK_DGRAM）获取链路层帧。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>In %1 only SCTP provides SOCK_SEQPACKET, and the sctp module is not loaded, so the type has no protocol at all.</source>
        <translation>在 %1 中只有 SCTP 提供 SOCK_SEQPACKET，而 sctp 模块未加载，因此该类型根本没有可用的协议。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Load SCTP as root (&apos;modprobe sctp&apos;), or use AF_UNIX SOCK_SEQPACKET for local message streams.</source>
        <translation>以 root 身份加载 SCTP（&apos;modprobe sctp&apos;），或者使用 AF_UNIX SOCK_SEQPACKET 作为本地消息流。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>IP has no reliably-delivered-message type: SOCK_RDM is offered by TIPC (and RDS), not by %1.</source>
        <translation>IP 没有可靠交付消息类型：SOCK_RDM 由 TIPC（和 RDS）提供，而不是 %1。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Use AF_TIPC SOCK_RDM (modprobe tipc), or SOCK_STREAM/SOCK_SEQPACKET.</source>
        <translation>使用 AF_TIPC SOCK_RDM（modprobe tipc），或者 SOCK_STREAM/SOCK_SEQPACKET。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 has no protocol registered for %2.</source>
        <translation>%1 没有为 %2 注册任何协议。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use SOCK_STREAM (TCP) or SOCK_DGRAM (UDP).</source>
        <translation>使用 SOCK_STREAM（TCP）或 SOCK_DGRAM（UDP）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>AF_UNIX offers SOCK_STREAM, SOCK_DGRAM and SOCK_SEQPACKET (SOCK_RAW is treated as SOCK_DGRAM); %1 is not one of them.</source>
        <translation>AF_UNIX 提供 SOCK_STREAM、SOCK_DGRAM 和 SOCK_SEQPACKET（SOCK_RAW 被当作 SOCK_DGRAM）；%1 不在其中。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Choose SOCK_STREAM, SOCK_DGRAM or SOCK_SEQPACKET.</source>
        <translation>请选择 SOCK_STREAM、SOCK_DGRAM 或 SOCK_SEQPACKET。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>AF_PACKET offers SOCK_RAW (frames with link-layer header) and SOCK_DGRAM (header removed); %1 makes no sense for frames.</source>
        <translation>AF_PACKET 提供 SOCK_RAW（帧带链路层首部）和 SOCK_DGRAM（去掉首部）；%1 对帧没有意义。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Choose SOCK_RAW or SOCK_DGRAM.</source>
        <translation>请选择 SOCK_RAW 或 SOCK_DGRAM。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 does not support %2.</source>
        <translation>%1 不支持 %2。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a type this family supports.</source>
        <translation>请选择该地址族支持的类型。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>AF_UNIX has no protocols to choose from: it accepts only 0 (or 1, PF_UNIX), and %1 is an IP protocol.</source>
        <translation>AF_UNIX 没有可选的协议：它只接受 0（或 1，即 PF_UNIX），而 %1 是 IP 协议。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Use protocol 0.</source>
        <translation>请使用协议 0。</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+43"/>
        <source>%1 has no %2 for %3.</source>
        <translation>%1 没有适用于 %3 的 %2。</translation>
    </message>
    <message>
        <location line="-41"/>
        <source>Use protocol 0 (the family&apos;s default).</source>
        <translation>请使用协议 0（该地址族的默认协议）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A raw socket must name the IP protocol it carries; 0 (IPPROTO_IP) is not a protocol a raw socket can carry.</source>
        <translation>原始套接字必须指明它承载的 IP 协议；0（IPPROTO_IP）不是原始套接字可以承载的协议。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pick a protocol, e.g. IPPROTO_ICMP, or IPPROTO_RAW to write whole IP headers yourself.</source>
        <translation>请选择一个协议，例如 IPPROTO_ICMP；或者选择 IPPROTO_RAW，自己写出整个 IP 首部。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>SCTP has no SOCK_DGRAM mode (it offers SOCK_STREAM and SOCK_SEQPACKET), and its module is not loaded here anyway.</source>
        <translation>SCTP 没有 SOCK_DGRAM 模式（它提供 SOCK_STREAM 和 SOCK_SEQPACKET），何况这里它的模块也没有加载。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>SCTP is not available: the sctp kernel module is not loaded (or SCTP was not compiled in).</source>
        <translation>SCTP 不可用：sctp 内核模块未加载（或内核未编译 SCTP）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Load it as root (&apos;modprobe sctp&apos;) and use SOCK_STREAM or SOCK_SEQPACKET.</source>
        <translation>以 root 身份加载它（&apos;modprobe sctp&apos;），并使用 SOCK_STREAM 或 SOCK_SEQPACKET。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 belongs to %2, so an %3 ping socket cannot use it.</source>
        <translation>%1 属于 %2，因此 %3 ping 套接字不能使用它。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Use IPPROTO_ICMP with AF_INET.</source>
        <translation>在 AF_INET 中使用 IPPROTO_ICMP。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use IPPROTO_ICMPV6 with AF_INET6.</source>
        <translation>在 AF_INET6 中使用 IPPROTO_ICMPV6。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>In %1, SOCK_STREAM is provided by TCP and MPTCP (and SCTP when loaded); %2 is not a stream protocol.</source>
        <translation>在 %1 中，SOCK_STREAM 由 TCP 和 MPTCP（以及加载后的 SCTP）提供；%2 不是流协议。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Use protocol 0 or IPPROTO_TCP, or SOCK_DGRAM for %1.</source>
        <translation>使用协议 0 或 IPPROTO_TCP；若要使用 %1，请改用 SOCK_DGRAM。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>In %1, SOCK_DGRAM is provided by UDP, UDP-Lite and ICMP ping sockets; %2 is not a datagram protocol.</source>
        <translation>在 %1 中，SOCK_DGRAM 由 UDP、UDP-Lite 和 ICMP ping 套接字提供；%2 不是数据报协议。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Use SOCK_STREAM for %1.</source>
        <translation>%1 请使用 SOCK_STREAM。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use protocol 0 or IPPROTO_UDP.</source>
        <translation>请使用协议 0 或 IPPROTO_UDP。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Use protocol 0 (the default for the type).</source>
        <translation>请使用协议 0（该类型的默认协议）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>ICMP echo (&quot;ping&quot;) datagram sockets are allowed only to groups in net.ipv4.ping_group_range (it covers IPv6 too): %1.</source>
        <translation>ICMP 回显（“ping”）数据报套接字只允许 net.ipv4.ping_group_range 中的组使用（该设置同样适用于 IPv6）：%1。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>As root: sysctl -w net.ipv4.ping_group_range=&quot;%1 %1&quot; (or &quot;0 2147483647&quot; for everyone); or use a SOCK_RAW socket with CAP_NET_RAW.</source>
        <translation>以 root 身份执行：sysctl -w net.ipv4.ping_group_range=&quot;%1 %1&quot;（或用 &quot;0 2147483647&quot; 允许所有人）；或者使用具有 CAP_NET_RAW 的 SOCK_RAW 套接字。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>SOCK_PACKET is obsolete and, like every link-layer socket, needs CAP_NET_RAW, which this process lacks.</source>
        <translation>SOCK_PACKET 已废弃，而且与所有链路层套接字一样需要 CAP_NET_RAW，而本进程不具备该能力。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use AF_PACKET with SOCK_RAW instead; it also needs CAP_NET_RAW (run as root or %1).</source>
        <translation>请改用 AF_PACKET 配合 SOCK_RAW；它同样需要 CAP_NET_RAW（以 root 身份运行，或执行 %1）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Packet sockets can sniff and forge every frame on an interface, so the kernel requires CAP_NET_RAW, which this process lacks.</source>
        <translation>packet 套接字可以嗅探和伪造网络接口上的每一帧，因此内核要求 CAP_NET_RAW，而本进程不具备该能力。</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+12"/>
        <source>Run as root, or grant the capability: %1.</source>
        <translation>以 root 身份运行，或授予该能力：%1。</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>Raw %1 sockets can forge and read any %2 traffic, so the kernel requires CAP_NET_RAW, which this process lacks.</source>
        <translation>原始 %1 套接字可以伪造和读取任意 %2 流量，因此内核要求 CAP_NET_RAW，而本进程不具备该能力。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Run as root, or grant the capability: %1. For ping alone, SOCK_DGRAM with %2 needs no privilege when net.ipv4.ping_group_range includes your group.</source>
        <translation>以 root 身份运行，或授予该能力：%1。如果只是 ping，当 net.ipv4.ping_group_range 包含你的组时，使用 %2 的 SOCK_DGRAM 套接字无需特权。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The kernel or a security module (SELinux, AppArmor, seccomp) denied creating a %1 socket.</source>
        <translation>内核或安全模块（SELinux、AppArmor、seccomp）拒绝创建 %1 套接字。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Check the security policy or run with more privilege.</source>
        <translation>请检查安全策略，或以更高权限运行。</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>MPTCP is compiled in but switched off (net.mptcp.enabled = 0).</source>
        <translation>MPTCP 已编译进内核，但处于关闭状态（net.mptcp.enabled = 0）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>As root: sysctl -w net.mptcp.enabled=1.</source>
        <translation>以 root 身份执行：sysctl -w net.mptcp.enabled=1。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 is present but refused to set up the socket.</source>
        <translation>%1 存在，但拒绝建立该套接字。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check the protocol&apos;s sysctls under /proc/sys/net.</source>
        <translation>请检查 /proc/sys/net 下该协议的 sysctl 设置。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 exists in %2 but is the wrong kind of protocol for %3.</source>
        <translation>%1 存在于 %2 中，但对于 %3 来说协议种类不对。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Use protocol 0 to let the kernel choose the matching protocol.</source>
        <translation>请使用协议 0，让内核选择匹配的协议。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The kernel rejected the arguments: %1 is not a valid socket type value (or invalid flags were passed).</source>
        <translation>内核拒绝了这些参数：%1 不是有效的套接字类型值（或传入了无效的标志）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Choose one of the listed types.</source>
        <translation>请从列出的类型中选择一个。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No file descriptor was free (per-process or system-wide limit).</source>
        <translation>没有空闲的文件描述符（达到了进程或系统范围的上限）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close sockets you no longer need or raise the limit (ulimit -n).</source>
        <translation>关闭不再需要的套接字，或提高上限（ulimit -n）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The kernel ran out of memory for a new socket.</source>
        <translation>内核没有足够的内存来创建新套接字。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Free memory or close sockets, then retry.</source>
        <translation>释放内存或关闭套接字，然后重试。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The kernel refused socket(%1): %2.</source>
        <translation>内核拒绝了 socket(%1)：%2。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>See socket(2) for %1.</source>
        <translation>参见 socket(2) 中关于 %1 的说明。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 Besides, SOCK_PACKET is obsolete: use AF_PACKET with SOCK_RAW.</source>
        <extracomment>%1: the explanation so far.</extracomment>
        <translation>%1此外，SOCK_PACKET 已废弃：请使用 AF_PACKET 配合 SOCK_RAW。</translation>
    </message>
    <message>
        <location filename="../../core/session/datagram_relay.cpp" line="+83"/>
        <location filename="../../core/session/stream_relay.cpp" line="+72"/>
        <source>relay %1 -&gt; %2</source>
        <translation>中继 %1 -&gt; %2</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>%1 client mappings are open: datagrams from new clients are dropped until one expires (first: %2)</source>
        <translation>已打开 %1 个客户端映射：在有映射过期之前，来自新客户端的数据报将被丢弃（第一个：%2）</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>%1 -&gt; %2; upstream %3 -&gt; %4</source>
        <translation>%1 -&gt; %2；上游 %3 -&gt; %4</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>kernel dropped %1 datagram(s) at the relay&apos;s socket (receive buffer full), %2 in all</source>
        <translation>内核在中继的套接字上丢弃了 %1 个数据报（接收缓冲区已满），累计 %2 个</translation>
    </message>
    <message>
        <location line="+131"/>
        <source>upstream send queue full (%1 bytes): datagram dropped</source>
        <translation>上游发送队列已满（%1 字节）：数据报已丢弃</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>reply not relayed: the client&apos;s Unix socket has no name to send to</source>
        <translation>回复未转发：客户端的 Unix 套接字没有可发送的名称</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>client send queue full (%1 bytes): datagram dropped</source>
        <translation>客户端发送队列已满（%1 字节）：数据报已丢弃</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>hold queue below its limit: reading again</source>
        <translation>扣留队列低于上限：恢复读取</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>hold queue full: reading stopped</source>
        <translation>扣留队列已满：停止读取</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>mapping expired after %1 ms idle</source>
        <translation>映射空闲 %1 ms 后过期</translation>
    </message>
    <message>
        <location line="+45"/>
        <location line="+19"/>
        <location filename="../../core/session/relay_pair.cpp" line="+415"/>
        <source>closed by the user</source>
        <translation>由用户关闭</translation>
    </message>
    <message>
        <location line="-5"/>
        <location line="+61"/>
        <source>mapping %1</source>
        <translation>映射 %1</translation>
    </message>
    <message>
        <location line="-60"/>
        <source>no such open mapping</source>
        <translation>没有这个已打开的映射</translation>
    </message>
    <message>
        <location line="+15"/>
        <location filename="../../core/session/stream_relay.cpp" line="+119"/>
        <source>edited</source>
        <translation>已编辑</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../core/session/stream_relay.cpp" line="-7"/>
        <location line="+8"/>
        <source>released</source>
        <translation>已放行</translation>
    </message>
    <message>
        <location line="+11"/>
        <location filename="../../core/session/stream_relay.cpp" line="+7"/>
        <source>dropped held #%1 (%2 bytes)</source>
        <translation>丢弃了扣留的 #%1（%2 字节）</translation>
    </message>
    <message>
        <location line="+8"/>
        <location filename="../../core/session/stream_relay.cpp" line="+24"/>
        <source>edited held #%1 (%2 -&gt; %3 bytes) and released</source>
        <translation>编辑了扣留的 #%1（%2 -&gt; %3 字节）并放行</translation>
    </message>
    <message>
        <location line="+6"/>
        <location filename="../../core/session/stream_relay.cpp" line="+9"/>
        <source>released held #%1</source>
        <translation>放行了扣留的 #%1</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>no such client mapping (a client must send first)</source>
        <translation>没有这个客户端映射（客户端必须先发送）</translation>
    </message>
    <message>
        <location filename="../../core/session/datagram_session.cpp" line="+72"/>
        <source>%1; using %2 instead</source>
        <translation>%1；改用 %2</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>default SO_RCVBUF not set: %1</source>
        <translation>未设置默认 SO_RCVBUF：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1; kernel drops will not be counted</source>
        <translation>%1；将不统计内核丢包</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 datagram dropped by the kernel (receive buffer full; %2 in total)</source>
        <translation>内核丢弃了 %1 个数据报（接收缓冲区已满；累计 %2 个）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 datagrams dropped by the kernel (receive buffer full; %2 in total)</source>
        <translation>内核丢弃了 %1 个数据报（接收缓冲区已满；累计 %2 个）</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>datagram sockets do not listen; use Bind</source>
        <translation>数据报套接字不监听；请使用“绑定”</translation>
    </message>
    <message>
        <location line="+19"/>
        <location line="+83"/>
        <location line="+193"/>
        <location line="+98"/>
        <location filename="../../core/session/relay_session.cpp" line="+46"/>
        <location line="+12"/>
        <location filename="../../core/session/stream_client.cpp" line="+81"/>
        <location line="+15"/>
        <location filename="../../core/session/stream_listener.cpp" line="+74"/>
        <source>no addresses</source>
        <translation>没有地址</translation>
    </message>
    <message>
        <location line="-312"/>
        <location line="+193"/>
        <location line="+68"/>
        <source>the socket is closed</source>
        <translation>套接字已关闭</translation>
    </message>
    <message>
        <location line="-251"/>
        <source>disconnected from %1</source>
        <translation>已断开与 %1 的连接</translation>
    </message>
    <message>
        <location line="+129"/>
        <source>(not connected)</source>
        <translation>(未连接)</translation>
    </message>
    <message>
        <location line="+86"/>
        <location filename="../../core/session/stream_client.cpp" line="+184"/>
        <source>close of a child connection</source>
        <translation>关闭子连接</translation>
    </message>
    <message>
        <location filename="../../core/capture/record_text.cpp" line="+20"/>
        <source>data</source>
        <translation>数据</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>opened</source>
        <translation>已打开</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bound</source>
        <translation>已绑定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>listening</source>
        <translation>监听中</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../core/lab/lab_conductor.cpp" line="+29"/>
        <source>connecting</source>
        <translation>正在连接</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>half-closed</source>
        <translation>已半关闭</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>peer-closed</source>
        <translation>对端已关闭</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../core/session/datagram_session.cpp" line="+12"/>
        <location filename="../../core/session/stream_connection.cpp" line="+469"/>
        <source>closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reset</source>
        <translation>已重置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>info</source>
        <translation>信息</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>client-&gt;server</source>
        <translation>客户端-&gt;服务器</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>server-&gt;client</source>
        <translation>服务器-&gt;客户端</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../core/session/relay_session.cpp" line="-29"/>
        <location line="+5"/>
        <location filename="../../core/session/session_factory.cpp" line="+34"/>
        <location line="+11"/>
        <source>relay</source>
        <translation>中继</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>not captured</source>
        <translation>未被捕获</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>cut by the capture&apos;s snapshot length</source>
        <translation>被捕获的快照长度截断</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not arrived when the out-of-order buffer was full</source>
        <translation>乱序缓冲区已满时尚未到达</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>gap %1: %2 bytes missing at seq %3 (%4)</source>
        <extracomment>A hole in an imported TCP stream: %1 the direction (client-&gt;server), %2 a byte count, %3 the TCP sequence number where it starts, %4 why the bytes are missing.</extracomment>
        <translation>缺口 %1：从 seq %3 起缺少 %2 字节（%4）</translation>
    </message>
    <message>
        <location filename="../../core/session/datagram_session.cpp" line="+41"/>
        <source>joined %1</source>
        <translation>已加入 %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>left %1</source>
        <translation>已离开 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>joined %1 on %2</source>
        <translation>已在 %2 上加入 %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>left %1 on %2</source>
        <translation>已在 %2 上离开 %1</translation>
    </message>
    <message>
        <location filename="../../core/session/relay_pair.cpp" line="-296"/>
        <source>client reset: upstream %1 unreachable</source>
        <translation>已重置客户端：上游 %1 不可达</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>upstream %1</source>
        <translation>上游 %1</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>client sent FIN</source>
        <translation>客户端发送了 FIN</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>server sent FIN</source>
        <translation>服务器发送了 FIN</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>reset forwarded to the server</source>
        <translation>已将重置转发给服务器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reset forwarded to the client</source>
        <translation>已将重置转发给客户端</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>client reset: upstream %1 refused</source>
        <translation>已重置客户端：上游 %1 拒绝连接</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>FIN forwarded to the server</source>
        <translation>已将 FIN 转发给服务器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>FIN forwarded to the client</source>
        <translation>已将 FIN 转发给客户端</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>reset after %1 bytes (impairment): reset both legs</source>
        <translation>%1 字节后重置（损伤）：重置两侧连接</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>backpressure: stopped reading the client (%1 bytes in flight)</source>
        <translation>背压：停止读取客户端（%1 字节在途）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>backpressure: stopped reading the server (%1 bytes in flight)</source>
        <translation>背压：停止读取服务器（%1 字节在途）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>backpressure over: reading the client (%1 bytes in flight)</source>
        <translation>背压解除：恢复读取客户端（%1 字节在途）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>backpressure over: reading the server (%1 bytes in flight)</source>
        <translation>背压解除：恢复读取服务器（%1 字节在途）</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>both directions finished</source>
        <translation>两个方向均已结束</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>closed by the user: reset both legs</source>
        <translation>由用户关闭：重置两侧连接</translation>
    </message>
    <message>
        <location filename="../../core/session/relay_session.cpp" line="-5"/>
        <source>(no listen address)</source>
        <translation>(无监听地址)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a listen address is needed</source>
        <translation>需要监听地址</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>(no upstream address)</source>
        <translation>(无上游地址)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>an upstream address is needed</source>
        <translation>需要上游地址</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>relay closed</source>
        <translation>中继已关闭</translation>
    </message>
    <message>
        <location filename="../../core/session/series_sender.cpp" line="+64"/>
        <source>sent %1 of %2 messages (the socket closed)</source>
        <translation>已发送 %2 条消息中的 %1 条（套接字已关闭）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sent %1 of %2 messages</source>
        <translation>已发送 %2 条消息中的 %1 条</translation>
    </message>
    <message>
        <location filename="../../core/session/session.cpp" line="+196"/>
        <source>connect datagram</source>
        <translation>连接数据报套接字</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>multicast membership</source>
        <translation>组播成员关系</translation>
    </message>
    <message>
        <location line="+34"/>
        <location line="+79"/>
        <location filename="../../core/session/stream_listener.cpp" line="+136"/>
        <location line="+21"/>
        <location line="+35"/>
        <location filename="../../core/session/stream_relay.cpp" line="-72"/>
        <location line="+90"/>
        <location line="+10"/>
        <source>connection %1</source>
        <translation>连接 %1</translation>
    </message>
    <message>
        <location line="-78"/>
        <location line="+79"/>
        <source>no open socket</source>
        <translation>没有打开的套接字</translation>
    </message>
    <message>
        <location line="-56"/>
        <source>%1 default requested %2, effective %3</source>
        <translation>%1 默认请求 %2，实际生效 %3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 requested %2, effective %3</source>
        <translation>%1 请求 %2，实际生效 %3</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>%1 in lab host A</source>
        <translation>%1，位于实验主机 A</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 in lab host B</source>
        <translation>%1，位于实验主机 B</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>not available for this kind of session</source>
        <translation>此类会话不支持该操作</translation>
    </message>
    <message>
        <location filename="../../core/session/session_factory.cpp" line="-11"/>
        <source>lab host</source>
        <translation>实验主机</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a relay runs in SockLab&apos;s own network, not inside the lab</source>
        <translation>中继运行在 SockLab 自己的网络中，而不是在实验内部</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>a relay forwards stream, seqpacket or datagram sockets</source>
        <translation>中继只转发流、有序分组或数据报套接字</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>a connection-oriented socket must Connect or Listen</source>
        <translation>面向连接的套接字必须“连接”或“监听”</translation>
    </message>
    <message>
        <location filename="../../core/session/stream_client.cpp" line="-218"/>
        <source>(no remote address)</source>
        <translation>(无远端地址)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a remote address is needed</source>
        <translation>需要远端地址</translation>
    </message>
    <message>
        <location line="+124"/>
        <source>send to a child connection</source>
        <translation>向子连接发送</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>send queue full (%1 waiting; the connection is not established yet)</source>
        <translation>发送队列已满（%1 等待发送；连接尚未建立）</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>%1 queued, waiting for the connection; %2 send(s) refused</source>
        <translation>已排队 %1，正在等待连接；已拒绝 %2 次发送</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>send queue discarded: the connection did not come up</source>
        <translation>已丢弃发送队列：连接未能建立</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>shutdown(SHUT_WR) of a child connection</source>
        <translation>对子连接执行 shutdown(SHUT_WR)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>closed before connecting</source>
        <translation>在连接建立前已关闭</translation>
    </message>
    <message>
        <location filename="../../core/session/stream_connection.cpp" line="-376"/>
        <source>the write side is closed</source>
        <translation>写端已关闭</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>send queue full (%1 waiting; the peer is not reading)</source>
        <translation>发送队列已满（%1 等待发送；对端未读取数据）</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>%1 send(s) (%2) were refused while the send queue was full</source>
        <translation>发送队列已满期间有 %1 次发送（%2）被拒绝</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>%1 queued, the peer is not reading</source>
        <translation>已排队 %1，对端未读取数据</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 queued, the peer reads slower than SockLab sends</source>
        <translation>已排队 %1，对端的读取速度慢于 SockLab 的发送速度</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>; %1 send(s) refused</source>
        <translation>; %1 次发送被拒绝</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>send queue drained</source>
        <translation>发送队列已清空</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>close: %1 the peer did not read was discarded</source>
        <translation>关闭：已丢弃对端未读取的 %1</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>peer sent FIN</source>
        <translation>对端发送了 FIN</translation>
    </message>
    <message>
        <location line="+111"/>
        <source>shutdown(SHUT_WR): sent FIN</source>
        <translation>shutdown(SHUT_WR): 已发送 FIN</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>closed with SO_LINGER {1,0}: sent RST</source>
        <translation>以 SO_LINGER {1,0} 关闭：已发送 RST</translation>
    </message>
    <message>
        <location filename="../../core/session/stream_listener.cpp" line="-205"/>
        <source>(no local address)</source>
        <translation>(无本地地址)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a local address is needed</source>
        <translation>需要本地地址</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>backlog %1 on %2</source>
        <translation>在 %2 上监听，backlog %1</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>%1: accepting paused for %2 ms</source>
        <translation>%1：暂停接受连接 %2 ms</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>a listening socket has no peer; pick a connection</source>
        <translation>监听套接字没有对端；请选择一个连接</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+21"/>
        <location line="+35"/>
        <location filename="../../core/session/stream_relay.cpp" line="-99"/>
        <location line="+90"/>
        <source>no such open connection</source>
        <translation>没有这个已打开的连接</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>listener closed</source>
        <translation>监听器已关闭</translation>
    </message>
    <message>
        <location filename="../../core/session/stream_relay.cpp" line="-20"/>
        <source>released held #%1 (held before #%2)</source>
        <translation>放行了扣留的 #%1（扣留早于 #%2）</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>client-&gt;server has ended (FIN forwarded or reset)</source>
        <translation>客户端-&gt;服务器方向已结束（已转发 FIN 或已重置）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>server-&gt;client has ended (FIN forwarded or reset)</source>
        <translation>服务器-&gt;客户端方向已结束（已转发 FIN 或已重置）</translation>
    </message>
    <message>
        <location filename="../../core/capture/export_file.cpp" line="+41"/>
        <source>no process reads the FIFO</source>
        <translation>没有进程在读取该 FIFO</translation>
    </message>
    <message>
        <location line="+51"/>
        <location line="+47"/>
        <source>not open</source>
        <translation>未打开</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>rename from %1</source>
        <translation>从 %1 重命名</translation>
    </message>
    <message>
        <location filename="../../core/capture/live_save.cpp" line="-284"/>
        <location line="+33"/>
        <source>parse size</source>
        <translation>解析大小</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>expected a size like 10M, 512k or 4096 (bytes)</source>
        <translation>应为 10M、512k 或 4096（字节）这样的大小</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>more than 1 PiB</source>
        <translation>超过 1 PiB</translation>
    </message>
    <message>
        <location line="+38"/>
        <location line="+238"/>
        <source>save pcapng</source>
        <translation>保存 pcapng</translation>
    </message>
    <message>
        <location line="-237"/>
        <source>save text log</source>
        <translation>保存文本日志</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>no free file name</source>
        <translation>没有可用的文件名</translation>
    </message>
    <message>
        <location line="+155"/>
        <source>no file name given</source>
        <translation>未指定文件名</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+6"/>
        <location line="+8"/>
        <location line="+6"/>
        <location line="+31"/>
        <source>save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location line="-36"/>
        <source>rotation size %1 bytes is below the smallest, %2</source>
        <translation>轮转大小 %1 字节小于最小值 %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>more than %1 files kept</source>
        <translation>保留的文件数超过 %1 个</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Unix-domain traffic has no IP addresses to put in packets; save it as text</source>
        <translation>Unix 域流量没有可写入数据包的 IP 地址；请保存为文本</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>there is no capture to save</source>
        <translation>没有可保存的捕获</translation>
    </message>
    <message>
        <location filename="../../core/capture/record_batches.h" line="+31"/>
        <location filename="../../core/pcapimport/capture_import.cpp" line="+115"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../core/capture/spill_file.cpp" line="-6"/>
        <location line="+24"/>
        <location line="+34"/>
        <location line="+7"/>
        <source>open spill file in</source>
        <translation>打开溢出文件于</translation>
    </message>
    <message>
        <location line="-54"/>
        <source>not an absolute path (write /path/to/dir)</source>
        <translation>不是绝对路径（请写成 /path/to/dir）</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>write spill file in</source>
        <translation>写入溢出文件于</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+3"/>
        <source>read spill file in</source>
        <translation>读取溢出文件于</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unexpected end of file</source>
        <translation>文件意外结束</translation>
    </message>
    <message>
        <location filename="../../core/codec/escapes.cpp" line="+68"/>
        <source>dangling backslash at position %1</source>
        <translation>位置 %1 处的反斜杠后面没有字符</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>octal escape above \377 at position %1</source>
        <translation>位置 %1 处的八进制转义超过 \377</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>\x without hex digits at position %1</source>
        <translation>位置 %1 处的 \x 后面没有十六进制数字</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>\u needs 4 hex digits at position %1</source>
        <translation>位置 %1 处的 \u 需要 4 位十六进制数字</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>\U needs 8 hex digits at position %1</source>
        <translation>位置 %1 处的 \U 需要 8 位十六进制数字</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>invalid code point at position %1</source>
        <translation>位置 %1 处的码点无效</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&apos;\&apos; followed by %1</source>
        <translation>&apos;\&apos; 后跟 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>unknown escape %1 at position %2</source>
        <translation>位置 %2 处有未知的转义序列 %1</translation>
    </message>
    <message>
        <location line="+93"/>
        <source>parse escapes</source>
        <translation>解析转义序列</translation>
    </message>
    <message>
        <location filename="../../core/codec/hex.cpp" line="+45"/>
        <source>odd number of hex digits, unpaired %1 at position %2</source>
        <translation>十六进制数字个数为奇数，位置 %2 处的 %1 无法配对</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>prefix &quot;%1&quot; without hex digits at position %2</source>
        <translation>位置 %2 处的前缀 &quot;%1&quot; 后面没有十六进制数字</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>bad hex digit %1 at position %2</source>
        <translation>位置 %2 处的十六进制数字 %1 无效</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>parse hex</source>
        <translation>解析十六进制</translation>
    </message>
    <message>
        <location filename="../../core/codec/line_ending.cpp" line="+63"/>
        <source>parse line ending</source>
        <translation>解析行尾</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>expected none, lf, cr or crlf</source>
        <translation>应为 none、lf、cr 或 crlf</translation>
    </message>
    <message>
        <location filename="../../core/codec/pattern.cpp" line="+29"/>
        <source>parse pattern</source>
        <translation>解析模式</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../core/respond/responder.cpp" line="+90"/>
        <source>empty pattern</source>
        <translation>模式为空</translation>
    </message>
    <message>
        <location filename="../../core/codec/text_encode.cpp" line="+73"/>
        <location filename="../../core/respond/text_problem.cpp" line="+8"/>
        <source>position %1: %2</source>
        <extracomment>%1: a character position in the text; %2: what is wrong there.</extracomment>
        <translation>位置 %1: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+86"/>
        <source>encode text</source>
        <translation>编码文本</translation>
    </message>
    <message>
        <location line="-78"/>
        <source>%1 has no %2 form</source>
        <extracomment>%1: a character, &quot;U+4E2D&quot;; %2: a text encoding, &quot;Big5&quot;.</extracomment>
        <translation>%1 在 %2 中没有对应的编码</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>the C library has no %1 converter</source>
        <translation>C 库没有 %1 转换器</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>UTF-8 sequence cut short</source>
        <translation>UTF-8 序列不完整</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>invalid UTF-8 byte 0x%1</source>
        <translation>无效的 UTF-8 字节 0x%1</translation>
    </message>
    <message>
        <location filename="../../core/engine/engine.cpp" line="+28"/>
        <source>multicast</source>
        <extracomment>The operation at the start of an error, &quot;multicast session 3: no such session&quot;.</extracomment>
        <translation>组播</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../core/session/datagram_session.cpp" line="+14"/>
        <location filename="../../core/session/session.cpp" line="-192"/>
        <source>ping</source>
        <translation>ping</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../core/session/session.cpp" line="+4"/>
        <source>impairment</source>
        <translation>损伤</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../core/session/session.cpp" line="+4"/>
        <source>hold</source>
        <translation>扣留</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../core/session/session.cpp" line="+4"/>
        <source>release held message</source>
        <translation>放行扣留的消息</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../core/session/datagram_relay.cpp" line="-2"/>
        <location filename="../../core/session/session.cpp" line="+4"/>
        <location filename="../../core/session/stream_relay.cpp" line="-14"/>
        <location line="+11"/>
        <source>inject</source>
        <translation>注入</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../core/session/session.cpp" line="+4"/>
        <source>relay figures</source>
        <translation>中继统计</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>send series</source>
        <translation>连续发送</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../core/vocab/open_request.cpp" line="+38"/>
        <source>responders</source>
        <translation>自动应答</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>rule hits</source>
        <translation>规则命中次数</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>lab wire session %1</source>
        <translation>实验线路会话 %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>no such lab wire session</source>
        <translation>没有这个实验线路会话</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the lab network is not up</source>
        <translation>实验网络未启动</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>session %1</source>
        <extracomment>A session the engine does not know, by number.</extracomment>
        <translation>会话 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no such session</source>
        <translation>没有这个会话</translation>
    </message>
    <message>
        <location filename="../../core/impair/impairment.cpp" line="+27"/>
        <source>dropped datagram %1 by burst loss</source>
        <translation>因突发丢包丢弃了数据报 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>dropped chunk %1 by burst loss</source>
        <translation>因突发丢包丢弃了数据块 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>dropped datagram %1</source>
        <translation>丢弃了数据报 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>dropped chunk %1</source>
        <translation>丢弃了数据块 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>dropped datagram %1: queue full</source>
        <translation>丢弃了数据报 %1：队列已满</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>dropped chunk %1: queue full</source>
        <translation>丢弃了数据块 %1：队列已满</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>duplicated %1</source>
        <translation>重复投递了 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>reordered %1</source>
        <translation>打乱了 %1 的顺序</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>delayed %1 by %2 ms</source>
        <translation>将 %1 延迟了 %2 ms</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>corrupted %1: bit %2 flipped</source>
        <translation>损坏了 %1：翻转了比特 %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>truncated %1 to %2 byte</source>
        <translation>将 %1 截断为 %2 字节</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>truncated %1 to %2 bytes</source>
        <translation>将 %1 截断为 %2 字节</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>resegmented %1 into %2 writes</source>
        <translation>将 %1 重新分段为 %2 次写入</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>coalesced %1 chunks from %2 into one write</source>
        <translation>将从 %2 起的 %1 个数据块合并为一次写入</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>reset after %1 bytes, in datagram %2</source>
        <translation>在 %1 字节后重置（位于数据报 %2）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reset after %1 bytes, in chunk %2</source>
        <translation>在 %1 字节后重置（位于数据块 %2）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>impairment %1</source>
        <translation>损伤 %1</translation>
    </message>
    <message>
        <location filename="../../core/impair/impairment_describe.cpp" line="+43"/>
        <source>delay %1±%2 ms</source>
        <translation>时延 %1±%2 ms</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>delay %1 ms</source>
        <translation>时延 %1 ms</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>none</source>
        <extracomment>An impairment that does nothing.</extracomment>
        <translation>无</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>loss %1</source>
        <translation>丢包 %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>burst loss (enter %1, leave %2, loss %3 good / %4 bad)</source>
        <extracomment>Gilbert-Elliott burst loss: %1 the chance to enter the bad state, %2 to leave it, %3 and %4 the loss in the good and the bad state.</extracomment>
        <translation>突发丢包（进入 %1，离开 %2，好/坏状态丢包 %3 / %4）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>burst loss (enter %1, leave %2)</source>
        <translation>突发丢包（进入 %1，离开 %2）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>dup %1</source>
        <translation>重复 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>reorder %1 (depth %2, timeout %3 ms)</source>
        <translation>乱序 %1（深度 %2，超时 %3 ms）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>corrupt %1</source>
        <translation>损坏 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>truncate to %1</source>
        <translation>截断为 %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>segments %1..%2 B</source>
        <translation>分段 %1..%2 B</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>coalesce %1 ms</source>
        <translation>合并 %1 ms</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>stall</source>
        <translation>停滞</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>reset after %1</source>
        <translation>传输 %1 后重置</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>slow close %1 ms</source>
        <translation>延迟关闭 %1 ms</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>rate %1</source>
        <translation>速率 %1</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>%1% is outside 0..100%</source>
        <translation>%1% 超出 0..100% 范围</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 ms is outside 0..3600000 ms</source>
        <translation>%1 ms 超出 0..3600000 ms 范围</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 is below 1</source>
        <translation>%1 小于 1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1..%2 is not a range 1..65536 with min &lt;= max</source>
        <translation>%1..%2 不是 1..65536 之间且 min &lt;= max 的范围</translation>
    </message>
    <message>
        <location filename="../../core/impair/impairment_text.cpp" line="+94"/>
        <source>expected a percentage 0..100 such as 10% or 2.5</source>
        <translation>应为 0..100 的百分比，例如 10% 或 2.5</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>expected a duration 0..3600s such as 40ms, 1.5s or 40 (ms)</source>
        <translation>应为 0..3600s 的时长，例如 40ms、1.5s 或 40（单位 ms）</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>expected a rate such as 1MB/s, 512KiB/s, 10Mbit/s or 1000 (bytes/s), 0 for unlimited</source>
        <translation>应为速率，例如 1MB/s、512KiB/s、10Mbit/s 或 1000（字节/秒），0 表示不限</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>expected a size range 1..65536 such as 1..16 or 8</source>
        <translation>应为 1..65536 的大小范围，例如 1..16 或 8</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the minimum %1 is above the maximum %2</source>
        <translation>最小值 %1 大于最大值 %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>expected a byte count such as 1000, 64KiB or 1MB</source>
        <translation>应为字节数，例如 1000、64KiB 或 1MB</translation>
    </message>
    <message>
        <location filename="../../core/inspect/derived_capture.cpp" line="+41"/>
        <location filename="../../core/lab/lab_experiments_script.cpp" line="+118"/>
        <location filename="../../core/pcapimport/capture_import.cpp" line="-62"/>
        <location filename="../../core/play/replay_detail.h" line="+30"/>
        <source>%1 byte</source>
        <extracomment>A byte count, put into the notes below.</extracomment>
        <translation>%1 字节</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../core/lab/lab_experiments_script.cpp" line="+0"/>
        <location filename="../../core/pcapimport/capture_import.cpp" line="+0"/>
        <location filename="../../core/play/replay_detail.h" line="+0"/>
        <location filename="../../core/play/replay_player.cpp" line="+48"/>
        <source>%1 bytes</source>
        <translation>%1 字节</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>message cut at %1 (the framing&apos;s limit); it goes on in the next record</source>
        <translation>消息在 %1 处被截断（分帧的长度上限）；其余部分在下一条记录中继续</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>message cut short after %1: the bytes after it were evicted by the memory cap before they were framed</source>
        <translation>消息在 %1 后提前结束：其后的字节在分帧之前已因内存上限被清除</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>message cut short after %1: the capture lacks the bytes after it (gap)</source>
        <translation>消息在 %1 后提前结束：捕获中缺少其后的字节（缺口）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the datagram ended inside a message: %1</source>
        <translation>数据报在消息中途结束：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the stream ended inside a message: %1</source>
        <translation>字节流在消息中途结束：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the length header counts fewer bytes than the header itself: the header alone</source>
        <translation>长度首部所计的字节数比首部本身还少：消息只包含首部</translation>
    </message>
    <message>
        <location line="+124"/>
        <source>this message follows bytes that are missing: it may begin inside one</source>
        <translation>此消息之前有字节缺失：它可能从某条消息的中间开始</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>%1 evicted by the memory cap before they were filtered</source>
        <translation>%1 在过滤之前已因内存上限被清除</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 evicted by the memory cap before they were framed</source>
        <translation>%1 在分帧之前已因内存上限被清除</translation>
    </message>
    <message>
        <location line="+151"/>
        <source>%1 record dropped by the capture&apos;s record limit before they were read</source>
        <translation>%1 条记录在读取之前已因捕获的记录上限被丢弃</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 records dropped by the capture&apos;s record limit before they were read</source>
        <translation>%1 条记录在读取之前已因捕获的记录上限被丢弃</translation>
    </message>
    <message>
        <location filename="../../core/inspect/record_filter.cpp" line="+33"/>
        <source>check filter</source>
        <translation>检查过滤条件</translation>
    </message>
    <message>
        <location filename="../../core/lab/lab_capture.cpp" line="+32"/>
        <source>the oldest %1 records were dropped by the record cap</source>
        <translation>最早的 %1 条记录已因记录上限被丢弃</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>records from %1 were dropped by the record cap</source>
        <translation>记录 %1 及之后的记录已因记录上限被丢弃</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>the bytes of record %1 were dropped by the memory cap</source>
        <translation>记录 %1 的字节已因内存上限被丢弃</translation>
    </message>
    <message>
        <location filename="../../core/lab/lab_conductor.cpp" line="-6"/>
        <source>building the lab network</source>
        <translation>正在构建实验网络</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>opening the receivers</source>
        <translation>正在打开接收端</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>opening the relays</source>
        <translation>正在打开中继</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>sending</source>
        <translation>正在发送</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>waiting for late arrivals</source>
        <translation>正在等待迟到的数据</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>finishing</source>
        <translation>正在收尾</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>lab schedule: %1</source>
        <extracomment>%1: what is wrong with the schedule, &quot;count: must be 1..100000&quot;.</extracomment>
        <translation>实验计划：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the lab network was not asked for</source>
        <translation>未要求使用实验网络</translation>
    </message>
    <message>
        <location line="+165"/>
        <source>the socket failed</source>
        <translation>套接字出错</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The lab network is not available: %1</source>
        <extracomment>%1: why (an error message); the fallback follows on the next line.</extracomment>
        <translation>实验网络不可用：%1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>a lab socket closed before the run ended</source>
        <translation>有一个实验套接字在运行结束前关闭了</translation>
    </message>
    <message>
        <location line="+104"/>
        <source>TCP delivered every byte</source>
        <translation>TCP 送达了所有字节</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TCP had not delivered every byte when the run ended</source>
        <translation>运行结束时 TCP 尚未送达所有字节</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>the run did not finish in time (stuck while %1)</source>
        <translation>运行未能按时完成（卡住时%1）</translation>
    </message>
    <message>
        <location filename="../../core/lab/lab_experiments.cpp" line="+49"/>
        <source>Message boundaries</source>
        <translation>消息边界</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Host A sends 50 messages of 100 bytes as fast as it can, each with its own write, over TCP and over UDP; the wire does nothing to them. Look at the reads on the B side: TCP is a stream of bytes, so one read returns whatever has arrived, several writes&apos; worth, sometimes ending in the middle of a message. The application must find the boundaries itself (here every message ends with a newline). UDP keeps them: every read returns exactly one datagram, one message.</source>
        <translation>主机 A 分别通过 TCP 和 UDP 以最快速度发送 50 条 100 字节的消息，每条消息各用一次写入；线路不对它们做任何处理。观察 B 端的读取：TCP 是字节流，因此一次读取会返回当时已到达的全部数据，可能包含好几次写入的内容，有时还会在一条消息的中间结束。应用程序必须自己找出消息边界（这里每条消息都以换行符结尾）。UDP 则保留边界：每次读取恰好返回一个数据报，即一条消息。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>10% packet loss</source>
        <translation>10% 丢包</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The wire drops one packet in ten, at random, in both directions. Watch TCP: the sender notices the gaps (duplicate acknowledgements, timeouts) and sends the missing segments again, so every message arrives, in order, only some of them later. Watch UDP: a dropped datagram is simply gone, nobody notices and nobody sends it again; the messages UDP lost are exactly the datagrams the wire dropped.</source>
        <translation>线路在两个方向上随机丢弃十分之一的数据包。观察 TCP：发送端会察觉缺口（重复确认、超时）并重新发送丢失的报文段，因此每条消息都会按序到达，只是其中一些晚一些。观察 UDP：被丢弃的数据报就这样消失了，没有人察觉，也没有人重发；UDP 丢失的消息恰好就是线路丢弃的那些数据报。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Reordering</source>
        <translation>乱序</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The wire holds back one packet in four from A to B until three later packets have passed it. UDP hands each datagram to the application the moment it arrives, so messages come out of order. TCP numbers every byte: the receiving kernel keeps what arrives early and delivers the bytes only once the gap before them is filled, so the application sees them in order (a little later).</source>
        <translation>线路把 A 到 B 方向上每四个数据包中的一个延后，直到其后的三个数据包越过它。UDP 在每个数据报到达时立即把它交给应用程序，因此消息会乱序。TCP 为每个字节编号：接收端内核会保留提前到达的数据，直到前面的缺口被填补后才交付这些字节，因此应用程序看到的数据是有序的（只是稍晚一些）。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Duplication</source>
        <translation>重复</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The wire delivers one packet in five from A to B twice. UDP passes both copies up: the application reads those messages twice and must cope itself (for instance by numbering them). TCP&apos;s receiver knows by the sequence numbers that it already has those bytes, drops the copy, and the application reads every byte once.</source>
        <translation>线路把 A 到 B 方向上每五个数据包中的一个投递两次。UDP 把两份副本都交给上层：应用程序会把这些消息读到两次，必须自行处理（例如给消息编号）。TCP 的接收端根据序列号知道自己已经有了这些字节，于是丢弃副本，应用程序每个字节只读到一次。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Delay and jitter</source>
        <translation>时延与抖动</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every packet waits 50 ms on the wire, plus or minus up to 25 ms (jitter), in both directions. Look at the latency: no message arrives sooner than 25 ms after it was sent, and the times vary. This wire keeps packets in order even with jitter: a packet whose delay would let it overtake an earlier one waits for it, so UDP sees no reordering here (Linux&apos;s netem emulator does reorder in that case). TCP also arrives in order; its latency can be higher, because with Nagle on a small write waits while earlier data is unacknowledged, and each acknowledgement needs a round trip.</source>
        <translation>每个数据包在两个方向上都要在线路上等待 50 ms，上下浮动最多 25 ms（抖动）。观察时延：没有任何消息在发送后不到 25 ms 就到达，而且各次时延不尽相同。即使有抖动，这条线路也保持数据包的顺序：如果某个数据包的时延会让它超过前面的数据包，它就会等待前面那个，因此这里 UDP 不会出现乱序（Linux 的 netem 模拟器在这种情况下则会乱序）。TCP 同样按序到达；它的时延可能更高，因为开启 Nagle 时，只要之前的数据尚未被确认，小的写入就要等待，而每次确认都需要一个往返时间。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Slow link, Nagle on</source>
        <translation>慢速链路，开启 Nagle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A slow link (256 kbit/s, 40 ms each way) and small writes: 60 messages of 40 bytes, one every 10 ms. With Nagle&apos;s algorithm (TCP&apos;s default), while sent data is not yet acknowledged the kernel collects further small writes and sends them together. Count the TCP packets from A to B on the wire: far fewer than writes, each carrying several messages and fewer header bytes per message, at the price of some latency. Then run &quot;Slow link, Nagle off&quot; and compare.</source>
        <translation>一条慢速链路（256 kbit/s，单向 40 ms）加上小的写入：60 条 40 字节的消息，每 10 ms 一条。使用 Nagle 算法（TCP 的默认设置）时，只要已发送的数据尚未被确认，内核就会把后续的小写入攒起来一起发送。数一数线路上从 A 到 B 的 TCP 数据包：远少于写入次数，每个数据包携带好几条消息，每条消息分摊的首部字节更少，代价是增加了一些时延。然后运行“慢速链路，关闭 Nagle”进行对比。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Slow link, Nagle off (TCP_NODELAY)</source>
        <translation>慢速链路，关闭 Nagle（TCP_NODELAY）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The same slow link and the same small writes as &quot;Slow link, Nagle on&quot;, but the TCP sender sets TCP_NODELAY. Every write leaves at once in a packet of its own: about as many TCP packets as writes on the wire, each paying 40 bytes of headers for 40 bytes of data. Interactive programs (terminals, games) choose this for lower latency; bulk transfers do not need it.</source>
        <translation>与“慢速链路，开启 Nagle”相同的慢速链路和相同的小写入，但 TCP 发送端设置了 TCP_NODELAY。每次写入都立即以单独的数据包发出：线路上的 TCP 数据包数与写入次数大致相同，每个数据包都要为 40 字节的数据付出 40 字节的首部。交互式程序（终端、游戏）为了更低的时延会选择这种方式；批量传输则不需要。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Larger than the MTU</source>
        <translation>超过 MTU</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every message is 3000 bytes and the link&apos;s MTU is 1500, so one packet cannot hold one. Look at the wire: each UDP datagram leaves as IP fragments (the More Fragments flag on all but the last, each with its offset), and the wire drops one packet in ten. When any fragment of a datagram is lost, the whole datagram is lost, even though its other fragments arrived: the receiver can only deliver what it reassembled completely. TCP never sends fragments: it cuts the stream into segments no larger than its maximum segment size (MSS) and sends again only the segment that was lost.</source>
        <translation>每条消息 3000 字节，而链路的 MTU 是 1500，因此一个数据包装不下一条消息。观察线路：每个 UDP 数据报都以 IP 分片的形式发出（除最后一个外，每个分片都带有 More Fragments 标志，并各有其偏移量），而且线路会丢弃十分之一的数据包。只要数据报的任何一个分片丢失，整个数据报就丢失了，即使它的其他分片已经到达：接收端只能交付完整重组的数据报。TCP 从不发送分片：它把字节流切分成不超过其最大报文段长度（MSS）的报文段，并且只重发丢失的那个报文段。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Half-close</source>
        <translation>半关闭</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A connects to B, sends a request and then shuts down only its write side (shutdown with SHUT_WR): its kernel sends a FIN. B reads end of stream (Peer closed) but can still send, and A can still read: B&apos;s answer arrives after A&apos;s FIN. Each direction of a TCP connection is closed on its own; this is how a client says &quot;that is all I send&quot; and still gets the answer.</source>
        <translation>A 连接到 B，发送一个请求，然后只关闭自己的写端（以 SHUT_WR 调用 shutdown）：它的内核发送一个 FIN。B 读到流结束（对端已关闭），但仍然可以发送，A 也仍然可以读取：B 的应答在 A 的 FIN 之后到达。TCP 连接的每个方向都是各自关闭的；客户端正是这样表示“我要发送的就这些了”，同时仍能收到应答。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Graceful close (FIN) vs abortive close (RST)</source>
        <translation>优雅关闭（FIN）与强制关闭（RST）对比</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Two connections from A to B. The first is closed normally: A&apos;s kernel sends a FIN after the data, and B reads end of stream (Peer closed) after every byte. The second is closed abortively (SO_LINGER on with 0 seconds): A&apos;s kernel sends a RST instead, and B&apos;s next read fails with ECONNRESET (Connection reset by peer). Data still unsent or unread is thrown away. Look for the FIN and the RST on the wire.</source>
        <translation>从 A 到 B 的两条连接。第一条正常关闭：A 的内核在数据之后发送 FIN，B 在读完所有字节后读到流结束（对端已关闭）。第二条被强制关闭（开启 SO_LINGER 且时间为 0 秒）：A 的内核改为发送 RST，B 的下一次读取以 ECONNRESET（连接被对方重置）失败。尚未发送或尚未读取的数据都会被丢弃。在线路上找一找 FIN 和 RST。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>A closed port: TCP vs UDP</source>
        <translation>关闭的端口：TCP 与 UDP 对比</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A contacts port 9 of host B, where nothing listens. TCP: B&apos;s kernel answers the SYN with a RST, and connect() fails at once with ECONNREFUSED. UDP has no handshake: connect() only sets the destination and sends nothing. When the datagram arrives, B&apos;s kernel answers with an ICMP port unreachable; A&apos;s kernel keeps that error on the connected UDP socket and reports ECONNREFUSED to the next operation on it (here SockLab&apos;s waiting receive). Look for the RST and the ICMP message on the wire.</source>
        <translation>A 访问主机 B 的 9 号端口，那里没有任何程序在监听。TCP：B 的内核用 RST 回应 SYN，connect() 立即以 ECONNREFUSED 失败。UDP 没有握手：connect() 只设置目的地址，不发送任何内容。数据报到达时，B 的内核回应一个 ICMP 端口不可达消息；A 的内核把这个错误保存在已连接的 UDP 套接字上，并在该套接字的下一次操作（这里是 SockLab 正在等待的接收）中报告 ECONNREFUSED。在线路上找一找 RST 和 ICMP 消息。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>SYN retries under 100% loss</source>
        <translation>100% 丢包下的 SYN 重试</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The wire drops every packet from A to B, and A tries to connect (with TCP_SYNCNT 3, so this ends within 20 s). Look at the wire: the SYN appears again and again, all of them dropped. The first retry comes after 1 s; then the wait doubles each time (exponential backoff: 2 s, 4 s...). Linux 6.5 and later first retry a few times at a steady 1 s (net.ipv4.tcp_syn_linear_timeouts) before doubling. Once 15 s have passed, connect() fails with ETIMEDOUT at the next retry due. Without TCP_SYNCNT Linux keeps trying for about two minutes (net.ipv4.tcp_syn_retries).</source>
        <translation>线路丢弃从 A 到 B 的所有数据包，而 A 尝试连接（设置了 TCP_SYNCNT 3，因此会在 20 s 内结束）。观察线路：SYN 一次又一次地出现，全部被丢弃。第一次重试在 1 s 之后；之后每次的等待时间加倍（指数退避：2 s、4 s...）。Linux 6.5 及更高版本会先以固定的 1 s 间隔重试几次（net.ipv4.tcp_syn_linear_timeouts），然后才开始加倍。超过 15 s 之后，connect() 会在下一次应当重试时以 ETIMEDOUT 失败。如果不设置 TCP_SYNCNT，Linux 会持续尝试约两分钟（net.ipv4.tcp_syn_retries）。</translation>
    </message>
    <message>
        <location filename="../../core/lab/lab_experiments_run.cpp" line="+31"/>
        <location filename="../../core/play/replay_comparison.cpp" line="+17"/>
        <source>%1 message</source>
        <translation>%1 条消息</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../core/play/replay_comparison.cpp" line="+0"/>
        <source>%1 messages</source>
        <translation>%1 条消息</translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../../core/play/replay_comparison.cpp" line="+4"/>
        <source>%1 datagram</source>
        <translation>%1 个数据报</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../core/play/replay_comparison.cpp" line="+0"/>
        <location filename="../../core/play/replay_player.cpp" line="-1"/>
        <source>%1 datagrams</source>
        <translation>%1 个数据报</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 read</source>
        <translation>%1 次读取</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 reads</source>
        <translation>%1 次读取</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 write</source>
        <translation>%1 次写入</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 writes</source>
        <translation>%1 次写入</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 TCP segment</source>
        <translation>%1 个 TCP 报文段</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 TCP segments</source>
        <translation>%1 个 TCP 报文段</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 UDP datagram</source>
        <translation>%1 个 UDP 数据报</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 UDP datagrams</source>
        <translation>%1 个 UDP 数据报</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 TCP data segment</source>
        <translation>%1 个 TCP 数据报文段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 TCP data segments</source>
        <translation>%1 个 TCP 数据报文段</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>TCP delivered %1 of %2 in order</source>
        <translation>TCP 按序送达了 %2中的 %1 条</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>TCP delivered %1 of %2, not complete and in order</source>
        <translation>TCP 送达了 %2中的 %1 条，但未能完整按序送达</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>, carried by %1</source>
        <extracomment>Put in at %5 or %6 of &quot;TCP: %1 of %2 bytes arrived in %3 ...&quot; (nothing when the run had no wire). %1: &quot;50 TCP segments&quot;.</extracomment>
        <translation>，由 %1 承载</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>TCP: %1 of %2 bytes arrived in %3 (the largest held %4; %5 began or ended inside a message)%6: a stream keeps the bytes and their order, not where one write ended.</source>
        <translation>TCP：%1（每次 %2 字节）分 %3 到达（最大的一次读取包含 %4；%5 在消息中间开始或结束）%6：字节流保留字节及其顺序，但不保留每次写入在哪里结束。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>TCP: %1 of %2 bytes arrived in %3 (the largest held %4)%5: a stream keeps the bytes and their order, not where one write ended.</source>
        <translation>TCP：%1（每次 %2 字节）分 %3 到达（最大的一次读取包含 %4）%5：字节流保留字节及其顺序，但不保留每次写入在哪里结束。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>UDP: %1 arrived as %2 of exactly one message each: each datagram is a message of its own.</source>
        <translation>UDP：%1 经 %2 到达，每次恰好一条消息：每个数据报本身就是一条消息。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>UDP: %1 arrived as %2, not one message each: each datagram is a message of its own.</source>
        <translation>UDP：%1 经 %2 到达，但并非每次一条消息：每个数据报本身就是一条消息。</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>%1 after %2 (the wire dropped %3 of its data segments and %4 of B&apos;s acknowledgements).</source>
        <extracomment>%1: &quot;TCP delivered 100 of 100 messages in order&quot;; %2: &quot;6 retransmissions&quot;.</extracomment>
        <translation>经过 %2，%1（线路丢弃了它的 %3 个数据报文段和 B 的 %4 个确认）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 retransmission</source>
        <translation>%1 次重传</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 retransmissions</source>
        <translation>%1 次重传</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>UDP lost %1, exactly the %2 the wire dropped, and delivered %3: nobody sends them again.</source>
        <translation>UDP 丢失了 %1，恰好就是线路丢弃的那 %2，送达了 %3 条：没有人会重发它们。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>UDP lost %1 (the wire dropped %2) and delivered %3: nobody sends them again.</source>
        <translation>UDP 丢失了 %1（线路丢弃了 %2），送达了 %3 条：没有人会重发它们。</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>The wire held back %1 and %2 until later packets had passed.</source>
        <translation>线路把 %1 和 %2 延后，直到后面的数据包越过了它们。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>UDP handed %1 to the application out of order (each datagram is delivered when it arrives).</source>
        <translation>UDP 把 %1 乱序交给了应用程序（每个数据报一到达就被交付）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1: the receiving kernel kept what came early until the gap was filled, then passed the bytes on in sequence.</source>
        <extracomment>%1: &quot;TCP delivered 100 of 100 messages in order&quot;.</extracomment>
        <translation>%1：接收端内核保留提前到达的数据，直到缺口被填补，然后按顺序交付这些字节。</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>The wire delivered %1 and %2 twice.</source>
        <translation>线路把 %1 和 %2 投递了两次。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>UDP gave %1 to the application twice.</source>
        <translation>UDP 把 %1 交给了应用程序两次。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>TCP received %1 bytes for the %2 sent, each once: the receiving kernel recognised the copies by their sequence numbers and dropped them.</source>
        <translation>TCP 发送了 %2 字节，接收到 %1 字节，每个字节只有一次：接收端内核根据序列号识别出副本并将其丢弃。</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>The wire held each UDP packet %1 to %2 (%3 ms +/- %4 ms).</source>
        <translation>线路让每个 UDP 数据包停留 %1 到 %2（%3 ms +/- %4 ms）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The wire held each UDP packet - (%1 ms +/- %2 ms).</source>
        <translation>线路让每个 UDP 数据包停留 -（%1 ms +/- %2 ms）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>UDP latency: min %1, median %2, max %3, and %4 out of order: this wire keeps packets in the order they came even with jitter (a packet never overtakes an earlier one, so it may wait for it; Linux&apos;s netem would reorder them instead).</source>
        <translation>UDP 时延：最小 %1，中位数 %2，最大 %3，乱序 %4：即使有抖动，这条线路也按数据包到来的顺序转发（数据包从不超越前面的数据包，因此可能要等待它；Linux 的 netem 则会把它们乱序）。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1, median latency %2.</source>
        <extracomment>%1: &quot;TCP delivered 50 of 50 messages in order&quot;; %2: &quot;52.1 ms&quot;.</extracomment>
        <translation>%1，时延中位数为 %2。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>TCP&apos;s latency is higher: with Nagle on, a small write waits while earlier data is unacknowledged, and an acknowledgement takes a round trip over this link.</source>
        <translation>TCP 的时延更高：开启 Nagle 时，只要之前的数据尚未被确认，小的写入就要等待，而在这条链路上一次确认需要一个往返时间。</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>With TCP_NODELAY (Nagle off), %1 of %2 bytes left A as %3 (%4 bytes of data each on average; %5 bytes of packets for %6 bytes of data).</source>
        <translation>使用 TCP_NODELAY（关闭 Nagle）时，%1（每次 %2 字节）以 %3 的形式离开 A（平均每个携带 %4 字节数据；%5 字节的数据包承载了 %6 字节的数据）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>With Nagle on, %1 of %2 bytes left A as %3 (%4 bytes of data each on average; %5 bytes of packets for %6 bytes of data).</source>
        <translation>开启 Nagle 时，%1（每次 %2 字节）以 %3 的形式离开 A（平均每个携带 %4 字节数据；%5 字节的数据包承载了 %6 字节的数据）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Every small write went out at once in a packet of its own, each paying for its headers on the slow link.</source>
        <translation>每次小写入都立即以单独的数据包发出，在慢速链路上各自承担首部开销。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>While data was unacknowledged, Nagle&apos;s algorithm held small writes back and sent them together: fewer, larger packets, each a little later.</source>
        <translation>在数据尚未被确认期间，Nagle 算法把小的写入攒起来一起发送：数据包更少、更大，但每个都稍晚一些。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>UDP sent %1, one per write. %2.</source>
        <extracomment>%2: &quot;TCP delivered 60 of 60 messages in order&quot;.</extracomment>
        <translation>UDP 发送了 %1，每次写入一个。%2。</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>no</source>
        <extracomment>How many IP fragments each datagram left as, put in at %4 of &quot;UDP: each %1-byte message ...&quot;: &quot;no&quot; (none was fragmented), &quot;3&quot;, or a range &quot;2 to 3&quot;.</extracomment>
        <translation>零</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 to %2</source>
        <translation>%1 到 %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>UDP: each %1-byte message (%2 bytes with its UDP header) is larger than the %3-byte MTU, so it left A as %4 IP fragments (all but the last with the More Fragments flag, each at its offset; %5 fragmented, %6 not).</source>
        <translation>UDP：每条 %1 字节的消息（加上 UDP 首部为 %2 字节）都大于 %3 字节的 MTU，因此离开 A 时被分成 %4 个 IP 分片（除最后一个外都带有 More Fragments 标志，各自位于其偏移量处；%5 被分片，%6 未分片）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 UDP packet</source>
        <translation>%1 个 UDP 数据包</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 UDP packets</source>
        <translation>%1 个 UDP 数据包</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The wire dropped a fragment of %1; each of them was lost whole, although %2 of them arrived: the receiver can only deliver a datagram it has reassembled completely (%3 lost, %4 delivered).</source>
        <translation>线路丢弃了 %1 的分片；这些数据报每个都整个丢失了，尽管它们有 %2 已经到达：接收端只能交付完整重组的数据报（丢失 %3 条，送达 %4 条）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 fragment</source>
        <translation>%1 个分片</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 fragments</source>
        <translation>%1 个分片</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The wire dropped a fragment of %1; each of them was lost whole, no fragment of them arrived: the receiver can only deliver a datagram it has reassembled completely (%2 lost, %3 delivered).</source>
        <translation>线路丢弃了 %1 的分片；这些数据报每个都整个丢失了，它们没有任何分片到达：接收端只能交付完整重组的数据报（丢失 %2 条，送达 %3 条）。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>TCP cut the same bytes into %1 of at most %2 bytes (its MSS is %3), none fragmented; %4 by sending again only the segments the wire dropped.</source>
        <extracomment>%4: &quot;TCP delivered 40 of 40 messages in order&quot;.</extracomment>
        <translation>TCP 把同样的字节切分成 %1，每个最多 %2 字节（其 MSS 为 %3），没有一个被分片；通过只重发线路丢弃的报文段，%4。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 segment</source>
        <translation>%1 个报文段</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 segments</source>
        <translation>%1 个报文段</translation>
    </message>
    <message>
        <location filename="../../core/lab/lab_experiments_script.cpp" line="+10"/>
        <source>%1 and %2</source>
        <extracomment>Joins the items of a list (&quot;1.0 s, 2.0 s and 4.0 s&quot;): %1 the items so far, %2 the next one (the last one joins with &quot;%1 and %2&quot;).</extracomment>
        <translation>%1 和 %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1, %2</source>
        <translation>%1、%2</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>It was never sent again.</source>
        <translation>它之后再也没有被重发。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The %1 wait was about %2 each, not growing.</source>
        <translation>这 %1 次等待约为 %2，没有增长。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The %1 waits were about %2 each, not growing.</source>
        <translation>这 %1 次等待每次约为 %2，没有增长。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The waits were %1, then %2: each about twice the one before.</source>
        <translation>等待时间先是 %1，然后是 %2：每次约为前一次的两倍。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The first %1 waits were %2 each (Linux 6.5 and later first retry a SYN at a steady pace a few times, net.ipv4.tcp_syn_linear_timeouts), then %3: the wait doubles.</source>
        <translation>前 %1 次等待每次为 %2（Linux 6.5 及更高版本会先以固定的间隔重试 SYN 几次，见 net.ipv4.tcp_syn_linear_timeouts），之后为 %3：等待时间逐次加倍。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>A sends a request</source>
        <translation>A 发送一个请求</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A shuts down its write side (shutdown SHUT_WR): its kernel sends a FIN</source>
        <translation>A 关闭其写端（shutdown SHUT_WR）：它的内核发送一个 FIN</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>B reads end of stream (read returns 0)</source>
        <translation>B 读到流结束（read 返回 0）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>B answers after A&apos;s FIN</source>
        <translation>B 在 A 的 FIN 之后作出应答</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A still reads</source>
        <translation>A 仍在读取</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>B closes too: the second FIN</source>
        <translation>B 也关闭：第二个 FIN</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A reads end of stream: both directions are closed</source>
        <translation>A 读到流结束：两个方向都已关闭</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The script did not get as far as the half-close.</source>
        <translation>脚本没有执行到半关闭那一步。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>A shut down its write side: its FIN crossed the wire and B read end of stream (Peer closed).</source>
        <translation>A 关闭了其写端：它的 FIN 经过了线路，B 读到了流结束（对端已关闭）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A shut down its write side: its FIN crossed the wire, but B did not see end of stream.</source>
        <translation>A 关闭了其写端：它的 FIN 经过了线路，但 B 没有看到流结束。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A shut down its write side (no FIN from A on the wire) and B read end of stream (Peer closed).</source>
        <translation>A 关闭了其写端（线路上没有来自 A 的 FIN），B 读到了流结束（对端已关闭）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A shut down its write side (no FIN from A on the wire), but B did not see end of stream.</source>
        <translation>A 关闭了其写端（线路上没有来自 A 的 FIN），但 B 没有看到流结束。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>B then sent %1 (on the wire after A&apos;s FIN), and A, already half-closed, read %2 of them: each direction of a TCP connection closes on its own.</source>
        <translation>随后 B 发送了 %1（在线路上位于 A 的 FIN 之后），已经半关闭的 A 读到了其中的 %2：TCP 连接的每个方向各自关闭。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>B then sent %1, and A, already half-closed, read %2 of them: each direction of a TCP connection closes on its own.</source>
        <translation>随后 B 发送了 %1，已经半关闭的 A 读到了其中的 %2：TCP 连接的每个方向各自关闭。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A went %1; B went %2.</source>
        <extracomment>%1, %2: the states each socket went through, &quot;Connected -&gt; Half-closed -&gt; Closed&quot;.</extracomment>
        <translation>A 经历了 %1；B 经历了 %2。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>A1 closes gracefully: its kernel sends a FIN</source>
        <translation>A1 优雅关闭：它的内核发送一个 FIN</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>B1 reads end of stream (read returns 0)</source>
        <translation>B1 读到流结束（read 返回 0）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A2 closes abortively (SO_LINGER on, 0 seconds): its kernel sends a RST</source>
        <translation>A2 强制关闭（开启 SO_LINGER，0 秒）：它的内核发送一个 RST</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>B2&apos;s next read fails: ECONNRESET (Connection reset by peer)</source>
        <translation>B2 的下一次读取失败：ECONNRESET（连接被对方重置）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The script did not get as far as both closes.</source>
        <translation>脚本没有执行到两次关闭那一步。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>a FIN and a RST</source>
        <extracomment>What A1&apos;s kernel sent, put in at %1 of &quot;Graceful close: A1&apos;s kernel sent %1, ...&quot;.</extracomment>
        <translation>发送了一个 FIN 和一个 RST</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>a FIN</source>
        <translation>发送了一个 FIN</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no FIN and a RST</source>
        <translation>没有发送 FIN，但发送了一个 RST</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no FIN</source>
        <translation>没有发送 FIN</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a RST and a FIN</source>
        <extracomment>What A2&apos;s kernel sent, put in at %1 of &quot;Abortive close: A2&apos;s kernel sent %1, ...&quot;.</extracomment>
        <translation>发送了一个 RST 和一个 FIN</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a RST instead of a FIN</source>
        <translation>发送了一个 RST，而不是 FIN</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no RST and a FIN</source>
        <translation>没有发送 RST，但发送了一个 FIN</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no RST instead of a FIN</source>
        <translation>没有发送 RST（也没有发送 FIN）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Graceful close: A1&apos;s kernel sent %1, and B1 read end of stream (Peer closed): the data before it was all delivered, and B1 could still send.</source>
        <translation>正常关闭：A1 的内核%1，B1 读到了流结束（对端已关闭）：此前的数据已全部交付，而且 B1 仍然可以发送。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Graceful close: A1&apos;s kernel sent %1, and B1 did not see end of stream.</source>
        <translation>正常关闭：A1 的内核%1，B1 没有读到流结束。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Abortive close: A2&apos;s kernel sent %1, and B2 got ECONNRESET (Connection reset by peer) on its next read: the connection is gone at once, with whatever was still unread or unsent.</source>
        <translation>强制关闭：A2 的内核%1，B2 在下一次读取时得到 ECONNRESET（连接被对方重置）：连接立即消失，尚未读取或尚未发送的数据也随之丢弃。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Abortive close: A2&apos;s kernel sent %1, and B2 saw no reset.</source>
        <translation>强制关闭：A2 的内核%1，B2 没有看到重置。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>TCP in host A connects to port 9 of host B, where nobody listens</source>
        <translation>主机 A 中的 TCP 连接主机 B 的 9 号端口，该端口上没有任何程序监听</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>a UDP socket in host A connects to the same port (no packet: UDP connect only sets the default destination)</source>
        <translation>主机 A 中的一个 UDP 套接字连接同一端口（不发送数据包：UDP 的 connect 只设置默认目的地址）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>UDP sends a datagram</source>
        <translation>UDP 发送一个数据报</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The script did not get as far as both sockets.</source>
        <translation>脚本没有进行到两个套接字都建立的那一步。</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>TCP: A&apos;s SYN to port 9 was answered by a RST from B&apos;s kernel, and connect() failed at once with ECONNREFUSED (Connection refused).</source>
        <translation>TCP：A 发往 9 号端口的 SYN 得到了 B 的内核回复的 RST，connect() 立即以 ECONNREFUSED（连接被拒绝）失败。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>TCP: A&apos;s SYN to port 9 was answered by a RST from B&apos;s kernel, and connect() did not fail with ECONNREFUSED.</source>
        <translation>TCP：A 发往 9 号端口的 SYN 得到了 B 的内核回复的 RST，但 connect() 没有以 ECONNREFUSED 失败。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>TCP: A&apos;s SYN to port 9 got no RST, and connect() failed at once with ECONNREFUSED (Connection refused).</source>
        <translation>TCP：A 发往 9 号端口的 SYN 没有收到 RST，而 connect() 立即以 ECONNREFUSED（连接被拒绝）失败。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>TCP: A&apos;s SYN to port 9 got no RST, and connect() did not fail with ECONNREFUSED.</source>
        <translation>TCP：A 发往 9 号端口的 SYN 没有收到 RST，connect() 也没有以 ECONNREFUSED 失败。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>UDP: the datagram to port 9 was answered %1 later by an ICMP port unreachable from B&apos;s kernel. UDP has no handshake and no reply of its own, so A&apos;s kernel kept the error on the connected socket and gave it to the next operation on it (SockLab&apos;s waiting receive): ECONNREFUSED. (An unconnected UDP socket is not told.)</source>
        <translation>UDP：发往 9 号端口的数据报在 %1 后得到了 B 的内核回复的 ICMP 端口不可达。UDP 没有握手，自身也没有应答，因此 A 的内核把该错误保存在已连接的套接字上，并交给该套接字上的下一个操作（SockLab 正在等待的接收）：ECONNREFUSED。（未连接的 UDP 套接字不会得到通知。）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>UDP: the datagram to port 9 was answered %1 later by an ICMP port unreachable from B&apos;s kernel. UDP has no handshake and no reply of its own, so A&apos;s kernel kept the error on the connected socket and gave it to the next operation on it (SockLab&apos;s waiting receive): the socket reported no ECONNREFUSED.</source>
        <translation>UDP：发往 9 号端口的数据报在 %1 后得到了 B 的内核回复的 ICMP 端口不可达。UDP 没有握手，自身也没有应答，因此 A 的内核把该错误保存在已连接的套接字上，并交给该套接字上的下一个操作（SockLab 正在等待的接收）：该套接字没有报告 ECONNREFUSED。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>UDP: the datagram to port 9 got no ICMP port unreachable. ECONNREFUSED. (An unconnected UDP socket is not told.)</source>
        <translation>UDP：发往 9 号端口的数据报没有收到 ICMP 端口不可达。ECONNREFUSED。（未连接的 UDP 套接字不会得到通知。）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>UDP: the datagram to port 9 got no ICMP port unreachable. the socket reported no ECONNREFUSED.</source>
        <translation>UDP：发往 9 号端口的数据报没有收到 ICMP 端口不可达。该套接字没有报告 ECONNREFUSED。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>A connects to B with TCP_SYNCNT %1; the wire drops everything from A to B</source>
        <translation>A 以 TCP_SYNCNT %1 连接 B；线路丢弃从 A 到 B 的所有数据包</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A waits for an answer that never comes</source>
        <translation>A 等待一个永远不会到来的应答</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The script did not get as far as the connect.</source>
        <translation>脚本没有进行到 connect 那一步。</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>%1 time</source>
        <translation>%1 次</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 times</source>
        <translation>%1 次</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A sent its SYN %1.</source>
        <extracomment>%1: &quot;4 times&quot;.</extracomment>
        <translation>A 发送 SYN %1。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A sent its SYN %1, at %2.</source>
        <extracomment>%1: &quot;4 times&quot;; %2: &quot;0.0 s, 1.0 s, 3.0 s and 7.0 s&quot;.</extracomment>
        <translation>A 发送 SYN %1，时间分别为 %2。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The wire dropped all of them, so B never heard of the connection.</source>
        <translation>线路将它们全部丢弃，因此 B 根本不知道有这个连接。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not all of them were dropped.</source>
        <translation>并非全部被丢弃。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>After %1 connect() gave up with ETIMEDOUT (Connection timed out).</source>
        <translation>%1 后，connect() 放弃并返回 ETIMEDOUT（连接超时）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>connect() did not fail with ETIMEDOUT.</source>
        <translation>connect() 没有以 ETIMEDOUT 失败。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>With TCP_SYNCNT %1 the kernel gives up when a retry falls due after 15 s have passed; by default (net.ipv4.tcp_syn_retries = 6) it keeps trying for about two minutes.</source>
        <translation>设置 TCP_SYNCNT %1 时，内核在 15 s 过后的下一次重试到期时放弃；默认情况下（net.ipv4.tcp_syn_retries = 6），它会持续尝试约两分钟。</translation>
    </message>
    <message>
        <location filename="../../core/lab/lab_message.cpp" line="+31"/>
        <source>must be 1..100000</source>
        <translation>必须在 1..100000 之间</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>must be 8..65000 bytes</source>
        <translation>必须在 8..65000 字节之间</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>must be 0..60000 ms</source>
        <translation>必须在 0..60000 ms 之间</translation>
    </message>
    <message>
        <location filename="../../core/lab/lab_script.cpp" line="+33"/>
        <source>%1 connect to %2</source>
        <translation>%1 连接到 %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 listen on %2</source>
        <translation>%1 在 %2 上监听</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 bind (any)</source>
        <translation>%1 绑定（任意地址）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 bind %2</source>
        <translation>%1 绑定 %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 relay %2 -&gt; %3</source>
        <translation>%1 中继 %2 -&gt; %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the lab network and its wire</source>
        <translation>实验网络及其线路</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1: open %2 in host A</source>
        <extracomment>%1: the socket&apos;s name in the script; %2: &quot;TCP connect to 192.0.2.2:7000&quot;.</extracomment>
        <translation>%1：在主机 A 中打开 %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: open %2 in host B</source>
        <translation>%1：在主机 B 中打开 %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: open %2</source>
        <translation>%1：打开 %2</translation>
    </message>
    <message>
        <location line="+113"/>
        <source>%1: wait for %2 (at most %3)</source>
        <extracomment>%1: the socket&apos;s name in the script; %2: a state (&quot;Connected&quot;); %3: &quot;5 s&quot;.</extracomment>
        <translation>%1：等待状态变为 %2（最多 %3）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: wait for a connection, %2 (at most %3)</source>
        <extracomment>%2: the name the accepted connection gets in the script.</extracomment>
        <translation>%1：等待一个连接，命名为 %2（最多 %3）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: wait for the error %2 (at most %3)</source>
        <translation>%1：等待错误 %2（最多 %3）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: wait until %2 bytes arrived (at most %3)</source>
        <translation>%1：等待 %2 字节到达（最多 %3）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>wait %1</source>
        <translation>等待 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: send %2 bytes</source>
        <translation>%1：发送 %2 字节</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: shutdown(SHUT_WR), a FIN; it can still read</source>
        <translation>%1：shutdown(SHUT_WR)，发送 FIN；仍可读取</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: close abortively (SO_LINGER 0), a RST</source>
        <translation>%1：强制关闭（SO_LINGER 0），发送 RST</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: close gracefully, a FIN</source>
        <translation>%1：正常关闭，发送 FIN</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the wire changes what it does from A to B</source>
        <translation>线路更改 A 到 B 方向的处理方式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the wire changes what it does from B to A</source>
        <translation>线路更改 B 到 A 方向的处理方式</translation>
    </message>
    <message>
        <location line="+202"/>
        <source>no lab wire was opened before</source>
        <translation>此前没有打开实验线路</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>no socket is called %1</source>
        <translation>没有名为 %1 的套接字</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>%1 failed</source>
        <translation>%1 失败</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 failed: %2</source>
        <extracomment>%1: the socket&apos;s name in the script; %2: the error message.</extracomment>
        <translation>%1 失败：%2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>it did not happen within %1</source>
        <translation>未在 %1 内发生</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>step %1 (%2): %3</source>
        <extracomment>%1: the step&apos;s number; %2: what the step does; %3: why it failed.</extracomment>
        <translation>第 %1 步（%2）：%3</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>every step ran</source>
        <translation>所有步骤均已执行</translation>
    </message>
    <message>
        <location filename="../../core/lab/ladder.cpp" line="+73"/>
        <source>retransmission</source>
        <translation>重传</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>duplicate</source>
        <translation>重复</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../../core/session/datagram_relay.cpp" line="-45"/>
        <location filename="../../core/session/stream_relay.cpp" line="-70"/>
        <source>dropped</source>
        <translation>丢弃</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>corrupted</source>
        <translation>损坏</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>truncated</source>
        <translation>截断</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>reordered</source>
        <translation>乱序</translation>
    </message>
    <message>
        <location filename="../../core/lab/ladder_svg.cpp" line="+107"/>
        <source>Ladder</source>
        <translation>时序图</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>%1 idle</source>
        <translation>空闲 %1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1 - A to B, left %2, wire record %3</source>
        <extracomment>A dropped packet&apos;s tooltip: %1 its label, %2 when it left, %3 its record number.</extracomment>
        <translation>%1 - A 到 B，发出于 %2，线路记录 %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 - B to A, left %2, wire record %3</source>
        <translation>%1 - B 到 A，发出于 %2，线路记录 %3</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 - A to B, left %2, arrived %3, wire record %4</source>
        <extracomment>A packet&apos;s tooltip: %1 its label, %2 when it left, %3 when it arrived, %4 its record number.</extracomment>
        <translation>%1 - A 到 B，发出于 %2，到达于 %3，线路记录 %4</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 - B to A, left %2, arrived %3, wire record %4</source>
        <translation>%1 - B 到 A，发出于 %2，到达于 %3，线路记录 %4</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>%1 - host B, %2, record %3</source>
        <extracomment>A socket call&apos;s tooltip: %1 the call (&quot;send 100&quot;), %2 when, %3 its record number.</extracomment>
        <translation>%1 - 主机 B，%2，记录 %3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 - host A, %2, record %3</source>
        <translation>%1 - 主机 A，%2，记录 %3</translation>
    </message>
    <message>
        <location filename="../../core/loop/event_loop.cpp" line="+61"/>
        <location line="+6"/>
        <source>event loop</source>
        <translation>事件循环</translation>
    </message>
    <message>
        <location filename="../../core/net/interfaces.cpp" line="+49"/>
        <source>local interfaces</source>
        <translation>本地网络接口</translation>
    </message>
    <message>
        <location filename="../../core/net/multicast_group.cpp" line="+59"/>
        <source>no group given</source>
        <translation>未给出组播组</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>not a numeric IPv4 or IPv6 address (give it without a port)</source>
        <translation>不是数字形式的 IPv4 或 IPv6 地址（请不带端口给出）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>not a multicast address (224.0.0.0/4 or ff00::/8)</source>
        <translation>不是组播地址（224.0.0.0/4 或 ff00::/8）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>an IPv6 group on an IPv4 socket</source>
        <translation>在 IPv4 套接字上使用了 IPv6 组</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>an IPv4 group on an IPv6 socket</source>
        <translation>在 IPv6 套接字上使用了 IPv4 组</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>multicast needs an IPv4 or IPv6 socket</source>
        <translation>组播需要 IPv4 或 IPv6 套接字</translation>
    </message>
    <message>
        <location filename="../../core/net/options.cpp" line="+16"/>
        <source>Allow bind() to a local address still in TIME_WAIT, so a restarted server can listen on its port at once.</source>
        <translation>允许 bind() 到仍处于 TIME_WAIT 状态的本地地址，使重启的服务器可以立即在其端口上监听。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Let several sockets of the same user bind the same address and port; the kernel spreads incoming connections or datagrams between them.</source>
        <translation>允许同一用户的多个套接字绑定相同的地址和端口；内核会在它们之间分配传入的连接或数据报。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Permit sending datagrams to a broadcast address such as 255.255.255.255.</source>
        <translation>允许向广播地址（如 255.255.255.255）发送数据报。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Send periodic probes on an idle connection to detect a peer that vanished.</source>
        <translation>在空闲连接上定期发送探测，以发现已经消失的对端。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Receive buffer size in bytes; the kernel doubles the request for bookkeeping and caps it at net.core.rmem_max.</source>
        <translation>接收缓冲区大小（字节）；内核会将请求值加倍（为其内部簿记预留空间），并将其限制在 net.core.rmem_max 以内。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Send buffer size in bytes; the kernel doubles the request for bookkeeping and caps it at net.core.wmem_max.</source>
        <translation>发送缓冲区大小（字节）；内核会将请求值加倍（为其内部簿记预留空间），并将其限制在 net.core.wmem_max 以内。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>What close() does with unsent data: -1 = return at once and send in the background, 0 = discard and reset the connection, N = wait up to N seconds.</source>
        <translation>close() 如何处理尚未发送的数据：-1 = 立即返回并在后台发送，0 = 丢弃数据并重置连接，N = 最多等待 N 秒。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Deliver TCP urgent (out-of-band) data in the normal data stream.</source>
        <translation>在普通数据流中交付 TCP 紧急（带外）数据。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Disable Nagle&apos;s algorithm: send small segments immediately instead of collecting them while data is unacknowledged.</source>
        <translation>禁用 Nagle 算法：立即发送小报文段，而不是在数据尚未被确认时把它们攒在一起。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Hop limit of outgoing unicast packets (IP_TTL for IPv4, IPV6_UNICAST_HOPS for IPv6); each router decrements it and drops the packet at 0.</source>
        <translation>外发单播数据包的跳数限制（IPv4 为 IP_TTL，IPv6 为 IPV6_UNICAST_HOPS）；每经过一个路由器减 1，减到 0 时数据包被丢弃。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Restrict an IPv6 socket to IPv6; when off it also accepts IPv4 peers as ::ffff:a.b.c.d mapped addresses.</source>
        <translation>将 IPv6 套接字限制为只使用 IPv6；关闭时，它也接受以 ::ffff:a.b.c.d 映射地址形式出现的 IPv4 对端。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Hop limit of outgoing multicast datagrams (IPV6_MULTICAST_HOPS for IPv6); 1 keeps them on the local network.</source>
        <translation>外发组播数据报的跳数限制（IPv6 为 IPV6_MULTICAST_HOPS）；设为 1 时只在本地网络内传播。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Whether multicast datagrams you send are also delivered back to listeners on this host.</source>
        <translation>你发送的组播数据报是否也回送给本机上的监听者。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Interface (by index; 0 = routing table decides) used to send multicast datagrams.</source>
        <translation>用于发送组播数据报的网络接口（按索引；0 = 由路由表决定）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>How many times connect() retransmits an unanswered SYN before it fails with ETIMEDOUT (0 = net.ipv4.tcp_syn_retries, 6 by default: about two minutes).</source>
        <translation>connect() 在以 ETIMEDOUT 失败之前重传未获应答的 SYN 的次数（0 = 使用 net.ipv4.tcp_syn_retries，默认为 6：约两分钟）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Milliseconds sent data may stay unacknowledged before the connection is dropped with ETIMEDOUT, so a peer that vanished is noticed (0 = the kernel&apos;s retransmission limit, about 15 minutes).</source>
        <translation>已发送数据在未被确认的情况下最多可保持的毫秒数，超过后连接以 ETIMEDOUT 断开，从而发现已消失的对端（0 = 使用内核的重传次数上限，约 15 分钟）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Seconds a connection is idle before the first keep-alive probe (with SO_KEEPALIVE; net.ipv4.tcp_keepalive_time, 7200 by default).</source>
        <translation>连接空闲多少秒后发送第一个保活探测（需启用 SO_KEEPALIVE；对应 net.ipv4.tcp_keepalive_time，默认 7200）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Seconds between unanswered keep-alive probes (net.ipv4.tcp_keepalive_intvl, 75 by default).</source>
        <translation>未获应答的保活探测之间的间隔秒数（net.ipv4.tcp_keepalive_intvl，默认 75）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Unanswered keep-alive probes before the connection is dropped with ETIMEDOUT (net.ipv4.tcp_keepalive_probes, 9 by default).</source>
        <translation>连接以 ETIMEDOUT 断开前允许的未应答保活探测次数（net.ipv4.tcp_keepalive_probes，默认 9）。</translation>
    </message>
    <message>
        <location filename="../../core/net/options_applicability.cpp" line="+43"/>
        <source>Only IPv4 and IPv6 sockets bind ports that could be reused.</source>
        <translation>只有 IPv4 和 IPv6 套接字才会绑定可能被重用的端口。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Only IPv4 has broadcast addresses (IPv6 uses multicast instead).</source>
        <translation>只有 IPv4 有广播地址（IPv6 改用组播）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Broadcast is for datagram sockets; a stream has one peer.</source>
        <translation>广播只适用于数据报套接字；流只有一个对端。</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+19"/>
        <source>Keep-alive probes exist only on TCP connections.</source>
        <translation>保活探测只存在于 TCP 连接中。</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Lingering on close matters only for TCP and SCTP connections.</source>
        <translation>关闭时逗留（linger）只对 TCP 和 SCTP 连接有意义。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Only TCP has urgent (out-of-band) data.</source>
        <translation>只有 TCP 有紧急（带外）数据。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nagle&apos;s algorithm exists only in TCP.</source>
        <translation>Nagle 算法只存在于 TCP 中。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only TCP opens a connection with SYN segments.</source>
        <translation>只有 TCP 使用 SYN 报文段建立连接。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only TCP retransmits unacknowledged data on a timer.</source>
        <translation>只有 TCP 会按定时器重传未确认的数据。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Only IPv4 and IPv6 packets carry a hop limit.</source>
        <translation>只有 IPv4 和 IPv6 数据包带有跳数限制。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only IPv6 sockets can also accept IPv4 peers.</source>
        <translation>只有 IPv6 套接字才能同时接受 IPv4 对端。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Multicast is an IPv4 and IPv6 feature.</source>
        <translation>组播是 IPv4 和 IPv6 的功能。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Multicast is for datagram sockets; a stream has one peer.</source>
        <translation>组播只适用于数据报套接字；流只有一个对端。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unknown option.</source>
        <translation>未知选项。</translation>
    </message>
    <message>
        <location filename="../../core/net/options_apply.cpp" line="+73"/>
        <location filename="../../core/net/options_tcp_info.cpp" line="+21"/>
        <source>%1 on fd %2</source>
        <extracomment>What a failed socket call was about: %1 an option (&quot;SO_RCVBUF=100&quot;), %2 the descriptor.</extracomment>
        <translation>fd %2 上的 %1</translation>
    </message>
    <message>
        <location line="+60"/>
        <location line="+41"/>
        <source>option %1</source>
        <translation>选项 %1</translation>
    </message>
    <message>
        <location line="-40"/>
        <location line="+41"/>
        <source>unknown option id</source>
        <translation>未知的选项 ID</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>negative size rejected before the call (the kernel would clamp it to %1)</source>
        <translation>负的大小在调用前即被拒绝（内核会将其限制为 %1）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>linger is seconds, 0 (abortive close) or -1 (off)</source>
        <translation>linger 的值应为秒数、0（强制关闭）或 -1（不启用）</translation>
    </message>
    <message>
        <location filename="../../core/net/resolver.cpp" line="-159"/>
        <source>Bad value for ai_flags</source>
        <translation>错误的 ai_flags 值</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name or service not known</source>
        <translation>未知的名称或服务</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Temporary failure in name resolution</source>
        <translation>域名解析暂时失败</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Non-recoverable failure in name resolution</source>
        <translation>域名解析出现不可恢复的失败</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ai_family not supported</source>
        <translation>不支持 ai_family</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ai_socktype not supported</source>
        <translation>不支持 ai_socktype</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Servname not supported for ai_socktype</source>
        <translation>ai_socktype 不支持该服务名</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Memory allocation failure</source>
        <translation>内存分配失败</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>System error</source>
        <translation>系统错误</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No address associated with hostname</source>
        <translation>没有与主机名关联的地址</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Address family for hostname not supported</source>
        <translation>不支持的主机名地址族</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+2"/>
        <location line="+148"/>
        <location line="+44"/>
        <location filename="../../core/session/datagram_session.cpp" line="-357"/>
        <location line="+83"/>
        <location line="+193"/>
        <location line="+98"/>
        <location filename="../../core/session/relay_session.cpp" line="-46"/>
        <location line="+12"/>
        <location filename="../../core/session/stream_client.cpp" line="-195"/>
        <location line="+15"/>
        <location filename="../../core/session/stream_listener.cpp" line="-183"/>
        <source>resolve</source>
        <translation>解析</translation>
    </message>
    <message>
        <location line="-143"/>
        <source>type a Unix path or @name for an abstract address</source>
        <translation>请输入 Unix 路径，或用 @name 表示抽象地址</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>address is empty: write %1</source>
        <translation>地址为空：请写成 %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&apos;%1&apos; is not a numeric address: write %2 (host names are resolved when connecting)</source>
        <translation>&apos;%1&apos; 不是数字形式的地址：请写成 %2（主机名在连接时解析）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>missing port: write %1</source>
        <translation>缺少端口：请写成 %1</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>missing port: write %1:PORT</source>
        <translation>缺少端口：请写成 %1:PORT</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+11"/>
        <source>port 0: a datagram needs the peer&apos;s port</source>
        <translation>端口 0：数据报需要对端的端口</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>no IPv4 or IPv6 address found</source>
        <translation>未找到 IPv4 或 IPv6 地址</translation>
    </message>
    <message>
        <location filename="../../core/net/socket_ops.cpp" line="+105"/>
        <source>disconnect</source>
        <translation>断开连接</translation>
    </message>
    <message>
        <location line="+258"/>
        <location filename="../../core/session/datagram_session.cpp" line="-64"/>
        <source>join multicast</source>
        <translation>加入组播组</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../core/session/datagram_session.cpp" line="+0"/>
        <source>leave multicast</source>
        <translation>离开组播组</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 on %2</source>
        <extracomment>%1: a multicast group address; %2: a network interface (&quot;eth0&quot; or an address).</extracomment>
        <translation>%2 上的 %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+19"/>
        <source>no interface %1</source>
        <translation>没有网络接口 %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>not an IPv4 or IPv6 address</source>
        <translation>不是 IPv4 或 IPv6 地址</translation>
    </message>
    <message>
        <location filename="../../core/netns/lab_checks.cpp" line="+28"/>
        <source>available</source>
        <translation>可用</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>user.max_user_namespaces is %1</source>
        <translation>user.max_user_namespaces 为 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>allow user namespaces: sysctl -w user.max_user_namespaces=10000 (as root)</source>
        <translation>允许用户命名空间：sysctl -w user.max_user_namespaces=10000（以 root 身份）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>kernel.unprivileged_userns_clone is 0 (unprivileged user namespaces are disabled)</source>
        <translation>kernel.unprivileged_userns_clone 为 0（非特权用户命名空间已被禁用）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>enable them: sysctl -w kernel.unprivileged_userns_clone=1 (as root)</source>
        <translation>启用它们：sysctl -w kernel.unprivileged_userns_clone=1（以 root 身份）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>available unless AppArmor refuses it (kernel.apparmor_restrict_unprivileged_userns is %1)</source>
        <translation>可用，除非 AppArmor 拒绝（kernel.apparmor_restrict_unprivileged_userns 为 %1）</translation>
    </message>
    <message>
        <location line="+15"/>
        <location filename="../../core/netns/lab_network.cpp" line="+79"/>
        <source>load the TUN driver: modprobe tun (as root)</source>
        <translation>加载 TUN 驱动：modprobe tun（以 root 身份）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 is not a character device</source>
        <translation>%1 不是字符设备</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>recreate it: mknod /dev/net/tun c 10 200 (as root)</source>
        <translation>重新创建它：mknod /dev/net/tun c 10 200（以 root 身份）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1: %2 (%3), mode %4</source>
        <extracomment>%1: the device&apos;s path; %2: why it cannot be opened; %3: the errno name; %4: &quot;0600&quot;.</extracomment>
        <translation>%1: %2 (%3)，权限模式 %4</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>make it usable by users, as most desktop distributions do: chmod 0666 %1 (as root)</source>
        <translation>让普通用户也能使用它（大多数桌面发行版都是如此）：chmod 0666 %1（以 root 身份）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 has mode %2: inside a user namespace only its &apos;other&apos; permissions count</source>
        <translation>%1 的权限模式为 %2：在用户命名空间内只有其 &apos;other&apos; 权限位有效</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>chmod 0666 %1 (as root), as most desktop distributions ship it</source>
        <translation>chmod 0666 %1（以 root 身份），大多数桌面发行版默认即是如此</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>network namespaces and TUN are Linux features</source>
        <translation>网络命名空间和 TUN 是 Linux 的功能</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>this system is not Linux</source>
        <translation>此系统不是 Linux</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>run the lab on Linux; elsewhere use the relay on loopback</source>
        <translation>请在 Linux 上运行实验；在其他系统上请使用环回接口上的中继</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The lab runs over relays on loopback instead: UDP datagrams are lost, duplicated, reordered and delayed as set, but TCP then sees only delay and re-segmentation, no real packet loss (the kernel&apos;s loopback never loses a segment, so there is nothing to retransmit).</source>
        <translation>实验改为通过环回接口上的中继运行：UDP 数据报会按设置丢失、重复、乱序和延迟，但 TCP 此时只会遇到时延和重新分段，不会遇到真正的丢包（内核的环回接口从不丢失报文段，因此没有需要重传的内容）。</translation>
    </message>
    <message>
        <location filename="../../core/netns/lab_network.cpp" line="-31"/>
        <source>%1; AppArmor restricts unprivileged user namespaces here (kernel.apparmor_restrict_unprivileged_userns=1): allow SockLab with a profile granting &apos;userns,&apos;, or set the sysctl to 0 (as root)</source>
        <extracomment>%1: what the step&apos;s error said before (may be empty).</extracomment>
        <translation>%1；此处 AppArmor 限制了非特权用户命名空间（kernel.apparmor_restrict_unprivileged_userns=1）：请用授予 &apos;userns,&apos; 的配置文件允许 SockLab，或将该 sysctl 设为 0（以 root 身份）</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>unprivileged user namespaces are not allowed here (enable kernel.unprivileged_userns_clone, user.max_user_namespaces, or allow SockLab in AppArmor)</source>
        <translation>此处不允许非特权用户命名空间（请启用 kernel.unprivileged_userns_clone、user.max_user_namespaces，或在 AppArmor 中允许 SockLab）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the user namespace refused the mapping of your own ids</source>
        <translation>用户命名空间拒绝映射你自己的用户和组 ID</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>make it usable by users: chmod 0666 %1 (as root), as most desktop distributions ship it</source>
        <translation>让普通用户也能使用它：chmod 0666 %1（以 root 身份），大多数桌面发行版默认即是如此</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the kernel refused a TUN device inside the lab&apos;s namespace</source>
        <translation>内核拒绝在实验的命名空间内创建 TUN 设备</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>the helper process ended unexpectedly</source>
        <translation>辅助进程意外结束</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>must be 576..65535</source>
        <translation>必须在 576..65535 之间</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>no such lab host</source>
        <translation>没有这个实验主机</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the lab network is closed</source>
        <translation>实验网络已关闭</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>the lab helper process is gone</source>
        <translation>实验辅助进程已不存在</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>the helper answered out of step</source>
        <translation>辅助进程的应答次序错乱</translation>
    </message>
    <message>
        <location filename="../../core/packet/decode.cpp" line="+127"/>
        <source>IPv4 header cut after %1 of 20 bytes</source>
        <translation>IPv4 首部被截断：只有 %1 字节（应为 20 字节）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>IPv4 header length %1 words is below the minimum 5</source>
        <translation>IPv4 首部长度 %1 个字小于最小值 5</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>IPv4 header length %1 bytes exceeds the %2 captured bytes</source>
        <translation>IPv4 首部长度 %1 字节超过了已捕获的 %2 字节</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>IPv4 total length %1 is below its header length %2</source>
        <translation>IPv4 总长度 %1 小于其首部长度 %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>IPv4 total length %1 exceeds the packet length %2</source>
        <translation>IPv4 总长度 %1 超过了数据包长度 %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+67"/>
        <source>captured %1 of %2 bytes</source>
        <translation>只捕获了 %2 字节中的 %1 字节</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>IPv6 header cut after %1 of 40 bytes</source>
        <translation>IPv6 首部被截断：只有 %1 字节（应为 40 字节）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>IPv6 payload length %1 exceeds the %2 bytes after the header</source>
        <translation>IPv6 载荷长度 %1 超过了首部之后的 %2 字节</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>IPv6 %1 header at offset %2 cut after %3 of 8 bytes</source>
        <extracomment>%1: the extension header&apos;s name (&quot;hop-by-hop options&quot;, &quot;routing&quot;).</extracomment>
        <translation>偏移 %2 处的 IPv6 %1 首部被截断：只有 %3 字节（应为 8 字节）</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>IPv6 %1 header at offset %2 of %3 bytes runs past the %4 bytes of the packet</source>
        <translation>偏移 %2 处的 IPv6 %1 首部长 %3 字节，超出了数据包的 %4 字节</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>TCP option kind %1 cut at the end of the options</source>
        <translation>TCP 选项类型 %1 在选项末尾被截断</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>TCP option kind %1 has length %2 (below 2)</source>
        <translation>TCP 选项类型 %1 的长度为 %2（小于 2）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>TCP option kind %1 of %2 bytes runs past the end of the options</source>
        <translation>TCP 选项类型 %1 长 %2 字节，超出了选项末尾</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>TCP option %1 has length %2, expected %3</source>
        <extracomment>%1: the option&apos;s name (&quot;MSS&quot;, &quot;window scale&quot;).</extracomment>
        <translation>TCP 选项 %1 的长度为 %2，应为 %3</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>TCP option SACK has length %1, expected 2 + 8 per block</source>
        <translation>TCP 选项 SACK 的长度为 %1，应为 2 + 每块 8</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>TCP header cut after %1 of 20 bytes</source>
        <translation>TCP 首部被截断：只有 %1 字节（应为 20 字节）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>TCP data offset %1 words is below the minimum 5</source>
        <translation>TCP 数据偏移 %1 个字小于最小值 5</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>TCP data offset %1 words (%2 bytes) exceeds the %3 bytes left</source>
        <translation>TCP 数据偏移 %1 个字（%2 字节）超过了剩余的 %3 字节</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>UDP header cut after %1 of 8 bytes</source>
        <translation>UDP 首部被截断：只有 %1 字节（应为 8 字节）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>UDP length %1 is below 8</source>
        <translation>UDP 长度 %1 小于 8</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>UDP length %1 exceeds the %2 bytes of IP payload</source>
        <translation>UDP 长度 %1 超过了 IP 载荷的 %2 字节</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>%1 header cut after %2 of 8 bytes</source>
        <extracomment>%1: &quot;ICMP&quot; or &quot;ICMPv6&quot;.</extracomment>
        <translation>%1 首部被截断：只有 %2 字节（应为 8 字节）</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>%1 quoted packet: %2</source>
        <extracomment>%1: &quot;ICMP&quot; or &quot;ICMPv6&quot;; %2: what is wrong with the packet an ICMP error quotes.</extracomment>
        <translation>%1 所引用的数据包：%2</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>empty packet</source>
        <translation>空数据包</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>IP version %1 is neither 4 nor 6</source>
        <translation>IP 版本 %1 既不是 4 也不是 6</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>fragment at offset %1: the transport header is in the first fragment</source>
        <translation>偏移 %1 处的分片：传输层首部在第一个分片中</translation>
    </message>
    <message>
        <location filename="../../core/pcapimport/capture_import.cpp" line="-12"/>
        <source>%1 MiB</source>
        <translation>%1 MiB</translation>
    </message>
    <message>
        <location line="+73"/>
        <location line="+439"/>
        <location filename="../../core/pcapimport/capture_reader.cpp" line="+159"/>
        <location line="+3"/>
        <location line="+5"/>
        <location line="+4"/>
        <location line="+8"/>
        <location line="+11"/>
        <location line="+52"/>
        <location line="+6"/>
        <source>import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location line="-417"/>
        <source>the capture ends with the connection still open</source>
        <translation>捕获结束时连接仍处于打开状态</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>no handshake in the capture: the connection was already open (client = the first sender, a guess)</source>
        <translation>捕获中没有握手：连接此前已经建立（客户端 = 第一个发送方，这是推测）</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>SYN retransmitted by the client</source>
        <translation>客户端重传了 SYN</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>SYN-ACK retransmitted by the server</source>
        <translation>服务器重传了 SYN-ACK</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>RST from the client %1</source>
        <translation>来自客户端 %1 的 RST</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>RST from the server %1</source>
        <translation>来自服务器 %1 的 RST</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>same bytes</source>
        <translation>字节相同</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>different bytes: the first copy is kept</source>
        <translation>字节不同：保留第一份副本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not compared</source>
        <translation>未比较</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>retransmission client-&gt;server: %1 at seq %2 already delivered (%3)</source>
        <translation>重传 客户端-&gt;服务器：seq %2 处的 %1 此前已交付（%3）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>retransmission server-&gt;client: %1 at seq %2 already delivered (%3)</source>
        <translation>重传 服务器-&gt;客户端：seq %2 处的 %1 此前已交付（%3）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>out of order client-&gt;server: %1 at seq %2 held until seq %3 arrives</source>
        <translation>乱序 客户端-&gt;服务器：seq %2 处的 %1 被暂存，直到 seq %3 到达</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>out of order server-&gt;client: %1 at seq %2 held until seq %3 arrives</source>
        <translation>乱序 服务器-&gt;客户端：seq %2 处的 %1 被暂存，直到 seq %3 到达</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>out-of-order buffer limit (%1) reached client-&gt;server: the held bytes are delivered and the holes marked as gaps</source>
        <translation>客户端-&gt;服务器 方向达到乱序缓冲区上限（%1）：暂存的字节已交付，空洞标记为缺口</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>out-of-order buffer limit (%1) reached server-&gt;client: the held bytes are delivered and the holes marked as gaps</source>
        <translation>服务器-&gt;客户端 方向达到乱序缓冲区上限（%1）：暂存的字节已交付，空洞标记为缺口</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>FIN from the client: the client-&gt;server stream ends after %1 bytes</source>
        <translation>来自客户端的 FIN：客户端-&gt;服务器 字节流在 %1 字节后结束</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>FIN from the server: the server-&gt;client stream ends after %1 bytes</source>
        <translation>来自服务器的 FIN：服务器-&gt;客户端 字节流在 %1 字节后结束</translation>
    </message>
    <message>
        <location line="+43"/>
        <location filename="../../core/play/replay_player.cpp" line="-30"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 datagram cut by the snapshot length</source>
        <translation>%1 个数据报被快照长度截断</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 datagrams cut by the snapshot length</source>
        <translation>%1 个数据报被快照长度截断</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>handshake</source>
        <translation>握手</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SYN only</source>
        <translation>仅 SYN</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no handshake (mid-stream)</source>
        <translation>无握手（从流中途开始）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>FIN both ways</source>
        <translation>双向 FIN</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>FIN from client</source>
        <translation>客户端 FIN</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>FIN from server</source>
        <translation>服务器 FIN</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>RST from client</source>
        <translation>客户端 RST</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>RST from server</source>
        <translation>服务器 RST</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>open at the end</source>
        <translation>结束时仍打开</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 gap (%2)</source>
        <translation>%1 个缺口（%2）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 gaps (%2)</source>
        <translation>%1 个缺口（%2）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 byte retransmitted (%2 with other bytes)</source>
        <translation>%1 字节被重传（其中 %2 次字节不同）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 bytes retransmitted (%2 with other bytes)</source>
        <translation>%1 字节被重传（其中 %2 次字节不同）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 byte retransmitted</source>
        <translation>%1 字节被重传</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 bytes retransmitted</source>
        <translation>%1 字节被重传</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 segment out of order</source>
        <translation>%1 个报文段乱序</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 segments out of order</source>
        <translation>%1 个报文段乱序</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>out-of-order buffer full</source>
        <translation>乱序缓冲区已满</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1 packet of other link protocols skipped (ARP, LLDP...)</source>
        <translation>跳过了 %1 个其他链路层协议的数据包（ARP、LLDP 等）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 packets of other link protocols skipped (ARP, LLDP...)</source>
        <translation>跳过了 %1 个其他链路层协议的数据包（ARP、LLDP 等）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 IP packet neither TCP nor UDP skipped (ICMP...)</source>
        <translation>跳过了 %1 个既非 TCP 也非 UDP 的 IP 数据包（ICMP 等）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 IP packets neither TCP nor UDP skipped (ICMP...)</source>
        <translation>跳过了 %1 个既非 TCP 也非 UDP 的 IP 数据包（ICMP 等）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 IP fragment skipped (not reassembled)</source>
        <translation>跳过了 %1 个 IP 分片（未重组）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 IP fragments skipped (not reassembled)</source>
        <translation>跳过了 %1 个 IP 分片（未重组）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 malformed packet skipped (headers that do not decode)</source>
        <translation>跳过了 %1 个格式错误的数据包（首部无法解码）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 malformed packets skipped (headers that do not decode)</source>
        <translation>跳过了 %1 个格式错误的数据包（首部无法解码）</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>no conversation %1 (the capture has %2)</source>
        <translation>没有会话流 %1（该捕获共有 %2 个）</translation>
    </message>
    <message>
        <location filename="../../core/pcapimport/capture_reader.cpp" line="-76"/>
        <source>the file is empty (not a pcap or pcapng file)</source>
        <translation>文件为空（不是 pcap 或 pcapng 文件）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>not a readable pcap or pcapng file (libpcap: %1)</source>
        <translation>不是可读取的 pcap 或 pcapng 文件（libpcap: %1）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>link type %1 %2 is not supported (supported: %3)</source>
        <translation>不支持链路类型 %1 %2（支持的类型：%3）</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>truncated packet record at offset %1 (the file ends inside packet %2): libpcap: %3</source>
        <translation>偏移 %1 处的数据包记录被截断（文件在数据包 %2 内部结束）：libpcap: %3</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>corrupt record at offset %1 (packet %2): libpcap: %3</source>
        <translation>偏移 %1 处的记录已损坏（数据包 %2）：libpcap: %3</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>EN10MB (Ethernet, 802.1Q tags), LINUX_SLL and LINUX_SLL2 (tcpdump -i any), NULL and LOOP (BSD loopback), RAW, IPV4, IPV6</source>
        <translation>EN10MB（以太网，含 802.1Q 标签）、LINUX_SLL 和 LINUX_SLL2（tcpdump -i any）、NULL 和 LOOP（BSD 环回）、RAW、IPV4、IPV6</translation>
    </message>
    <message>
        <location filename="../../core/play/replay_comparison.cpp" line="+139"/>
        <location filename="../../core/play/replay_player.cpp" line="+25"/>
        <source>the server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../core/play/replay_player.cpp" line="+1"/>
        <source>the client</source>
        <translation>客户端</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>failed: %1: nothing was replayed</source>
        <translation>失败：%1：未重放任何内容</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>identical: %1 answered %2 in %3, as recorded (%4 in %5)</source>
        <translation>一致：%1 应答了 %2（%3），与记录相同（%4，%5）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>differs: %1 answered %2 in %3, recorded %4 in %5</source>
        <translation>不同：%1 应答了 %2（%3），记录为 %4（%5）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>first difference in datagram %1 at byte %2</source>
        <translation>首个差异位于数据报 %1 的第 %2 字节处</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>first difference at byte %1 of %2&apos;s stream</source>
        <translation>首个差异位于%2的字节流第 %1 字节处</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>  recorded: %1</source>
        <translation>  记录：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>  live:     %1</source>
        <translation>  实际：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 sent %2 more than recorded</source>
        <translation>%1比记录多发送了 %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>sent %1 of %2 in %3 (recorded %4)</source>
        <translation>发送了 %2 中的 %1，分为 %3（记录中为 %4 条）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 reset the connection (the recording has it closing with FIN)</source>
        <translation>%1重置了连接（记录中它以 FIN 关闭）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 closed with FIN (the recording has it resetting the connection)</source>
        <translation>%1以 FIN 关闭（记录中它重置了连接）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 closed, as recorded</source>
        <translation>%1已关闭，与记录一致</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 did not close (the recording has it closing)</source>
        <translation>%1未关闭（记录中它关闭了）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 closed (the recording does not)</source>
        <translation>%1关闭了（记录中它没有关闭）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>took %1 (the recording, as timed: %2)</source>
        <translation>用时 %1（按所选时序，记录用时 %2）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 wait for %2 timed out</source>
        <translation>等待%2超时 %1 次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 waits for %2 timed out</source>
        <translation>等待%2超时 %1 次</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>incomplete: the replay did not run every step</source>
        <translation>未完成：重放没有执行完所有步骤</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>incomplete: the socket reported an error</source>
        <translation>未完成：套接字报告了错误</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>incomplete: the socket reported an error: %1</source>
        <translation>未完成：套接字报告了错误：%1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>identical (%1 of %2 bytes)</source>
        <translation>一致（%1/%2 字节）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>differs: %1 more than recorded (%2 datagrams, recorded %3)</source>
        <translation>不一致：比记录多 %1（共 %2 个数据报，记录中为 %3 个）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>differs: %1 more than recorded (%2 bytes, recorded %3)</source>
        <translation>不一致：比记录多 %1（共 %2 字节，记录中为 %3 字节）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>differs in datagram %1 at byte %2 (%3 datagrams, recorded %4)</source>
        <translation>不一致：第 %1 个数据报的第 %2 字节处不同（共 %3 个数据报，记录中为 %4 个）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>differs at byte %1 (%2 bytes, recorded %3)</source>
        <translation>不一致：第 %1 字节处不同（共 %2 字节，记录中为 %3 字节）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>differs: the peer reset the connection (recorded: FIN)</source>
        <translation>不一致：对端重置了连接（记录中为 FIN）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>differs: the peer closed with FIN (recorded: reset)</source>
        <translation>不一致：对端以 FIN 关闭（记录中为重置）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>differs: sent %1 of %2 bytes</source>
        <translation>不一致：发送了 %2 字节中的 %1 字节</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>incomplete, %1</source>
        <translation>未完成，%1</translation>
    </message>
    <message>
        <location filename="../../core/play/replay_parse.cpp" line="+34"/>
        <source>parse side</source>
        <translation>解析重放端</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>expected client or server</source>
        <translation>应为 client 或 server</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>parse factor</source>
        <translation>解析倍率</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>expected a number such as 2 or 0.5</source>
        <translation>应为数字，例如 2 或 0.5</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the factor must be between 0.01 and 1000 (2 = twice as fast)</source>
        <translation>倍率必须在 0.01 到 1000 之间（2 = 两倍速）</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>parse speed</source>
        <translation>解析速度</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>expected xF (x2 = twice as fast, x0.5 = half speed), original or asap</source>
        <translation>应为 xF（x2 = 两倍速，x0.5 = 半速）、original 或 asap</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>as fast as possible</source>
        <translation>尽可能快</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>original timing</source>
        <translation>原始时序</translation>
    </message>
    <message>
        <location filename="../../core/play/replay_player.cpp" line="+170"/>
        <source>a second client (%1) was closed: the replay plays one conversation</source>
        <translation>第二个客户端（%1）已被关闭：重放只播放一个会话流</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>datagrams from %1 are ignored: the replay answers the first sender, %2</source>
        <translation>忽略来自 %1 的数据报：重放只应答第一个发送方 %2</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>%1 reset the connection before step %2 of %3</source>
        <translation>%1在第 %2/%3 步之前重置了连接</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>the connection ended before step %1 of %2</source>
        <translation>连接在第 %1/%2 步之前结束</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>step %1: waited %2 for %3&apos;s %4 (got %5): stopped</source>
        <translation>第 %1 步：已等待 %2，%3仍未发来 %4（已收到 %5）：停止</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>step %1: waited %2 for %3&apos;s %4 (got %5): going on</source>
        <translation>第 %1 步：已等待 %2，%3仍未发来 %4（已收到 %5）：继续执行</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 closed after %2 (the recording had %3 before step %4): going on</source>
        <translation>%1在发来 %2 后关闭（记录中第 %4 步之前有 %3）：继续执行</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>waited %1 for the rest of %2&apos;s answer (got %3 of %4)</source>
        <translation>已等待 %1，%2的应答仍未收全（收到 %4 中的 %3）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 did not close within %2 (the recording has it closing)</source>
        <translation>%1未在 %2 内关闭（记录中它关闭了）</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>%1 at step %2 of %3</source>
        <translation>%1（在第 %2/%3 步）</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>stopped by the user at step %1 of %2</source>
        <translation>在第 %1/%2 步被用户停止</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>waiting for the client</source>
        <translation>正在等待客户端</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>step %1 of %2: waiting for %3 (%4 of %5)</source>
        <translation>第 %1/%2 步：正在等待%3（%5 中的 %4）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>step %1 of %2</source>
        <translation>第 %1/%2 步</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>every step sent: waiting for the rest of %1&apos;s answer</source>
        <translation>所有步骤均已发送：正在等待%1其余的应答</translation>
    </message>
    <message>
        <location filename="../../core/play/replay_script.cpp" line="-172"/>
        <source>conversation %1</source>
        <translation>会话流 %1</translation>
    </message>
    <message>
        <location line="+19"/>
        <location line="+20"/>
        <location line="+127"/>
        <source>replay</source>
        <translation>重放</translation>
    </message>
    <message>
        <location line="-146"/>
        <source>the conversation has no records</source>
        <translation>该会话流没有记录</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>the bytes of record %1 are no longer in memory (raise the capture memory limit)</source>
        <translation>记录 %1 的字节已不在内存中（请提高捕获内存上限）</translation>
    </message>
    <message>
        <location line="+97"/>
        <source>%1 gap</source>
        <translation>%1 个缺口</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 gaps</source>
        <translation>%1 个缺口</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the recording misses %1 bytes (%2): only captured bytes are sent; the server&apos;s missing bytes are not compared</source>
        <translation>记录缺少 %1 字节（%2）：只发送已捕获的字节；服务器缺失的字节不参与比较</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the recording misses %1 bytes (%2): only captured bytes are sent; the client&apos;s missing bytes are not compared</source>
        <translation>记录缺少 %1 字节（%2）：只发送已捕获的字节；客户端缺失的字节不参与比较</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 datagram was cut by the capture&apos;s snapshot length: their captured part is used</source>
        <translation>%1 个数据报被捕获的快照长度截断：使用其已捕获的部分</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 datagrams were cut by the capture&apos;s snapshot length: their captured part is used</source>
        <translation>%1 个数据报被捕获的快照长度截断：使用其已捕获的部分</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 urgent (OOB) byte replayed as ordinary bytes</source>
        <translation>%1 个紧急（OOB）字节按普通字节重放</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 urgent (OOB) bytes replayed as ordinary bytes</source>
        <translation>%1 个紧急（OOB）字节按普通字节重放</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>missing host (expected HOST:PORT)</source>
        <translation>缺少主机（应为 HOST:PORT）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>missing port (expected HOST:PORT)</source>
        <translation>缺少端口（应为 HOST:PORT）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>port 0: the client side connects to the peer&apos;s port</source>
        <translation>端口 0：客户端一侧需要连接到对端的端口</translation>
    </message>
    <message>
        <location filename="../../core/play/sequence_player.cpp" line="+97"/>
        <source>%1 at step %2</source>
        <translation>%1（在第 %2 步）</translation>
    </message>
    <message>
        <location filename="../../core/session/icmp_pinger.cpp" line="+170"/>
        <source>echo reply from %1: seq %2, %3 us</source>
        <translation>来自 %1 的回显应答：seq %2，%3 us</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>echo seq %1 timed out</source>
        <translation>回显 seq %1 超时</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>%1 sent, %2 received, %3% lost</source>
        <translation>已发送 %1，已接收 %2，丢失 %3%</translation>
    </message>
    <message>
        <location filename="../../core/session/lab_wire.cpp" line="+71"/>
        <source>lab network up: %1</source>
        <translation>实验网络已启动：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>lab: the hosts have no IPv6 addresses (IPv6 is disabled in this kernel); the lab runs IPv4 only</source>
        <translation>实验：主机没有 IPv6 地址（此内核禁用了 IPv6）；实验仅使用 IPv4</translation>
    </message>
    <message>
        <location line="+168"/>
        <source>lab network closed</source>
        <translation>实验网络已关闭</translation>
    </message>
    <message>
        <location filename="../../core/session/relay_book.cpp" line="+57"/>
        <source>impairment %1: %2</source>
        <translation>损伤 %1：%2</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>holding %1</source>
        <translation>开始扣留 %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>forwarding %1</source>
        <translation>恢复转发 %1</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>held #%1 (%2 bytes, %3)</source>
        <translation>扣留了 #%1（%2 字节，%3）</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>held message #%1</source>
        <translation>扣留的消息 #%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not in the %1 hold queue</source>
        <translation>不在 %1 扣留队列中</translation>
    </message>
    <message>
        <location line="+145"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../../core/session/responder_runner.cpp" line="+165"/>
        <source>responders: a sender without an address (an unbound Unix datagram socket) cannot be answered; its messages are only counted</source>
        <translation>自动应答：无法回复没有地址的发送方（未绑定的 Unix 数据报套接字）；其消息只计数</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>responders: not answering datagrams from this socket&apos;s own address %1 (it would answer itself forever)</source>
        <translation>自动应答：不回复来自本套接字自身地址 %1 的数据报（否则会无休止地回复自己）</translation>
    </message>
    <message>
        <location line="+99"/>
        <source>responders: more than %1 delayed replies waiting; further ones are dropped</source>
        <translation>自动应答：等待中的延迟回复超过 %1 条；之后的回复将被丢弃</translation>
    </message>
    <message>
        <location filename="../../core/vocab/events.cpp" line="+10"/>
        <source>Resolving</source>
        <translation>正在解析</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connecting</source>
        <translation>正在连接</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Listening</source>
        <translation>正在监听</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bound</source>
        <translation>已绑定</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Half-closed</source>
        <translation>已半关闭</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Peer closed</source>
        <translation>对端已关闭</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location filename="../../core/vocab/open_request.cpp" line="-24"/>
        <source>parse send queue limit</source>
        <translation>解析发送队列上限</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>out of range %1..%2</source>
        <translation>超出范围 %1..%2</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>responders answer stream, seqpacket and datagram sockets that connect, listen or bind</source>
        <translation>自动应答只适用于执行连接、监听或绑定的流、有序分组和数据报套接字</translation>
    </message>
    <message>
        <location filename="../../core/capture/pcapng_exporter.cpp" line="+13"/>
        <source>export pcapng</source>
        <translation>导出 pcapng</translation>
    </message>
    <message>
        <location filename="../../core/capture/text_exporters.cpp" line="+152"/>
        <source>export hexdump</source>
        <translation>导出十六进制转储</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>export text log</source>
        <translation>导出文本日志</translation>
    </message>
    <message>
        <location filename="../../core/respond/framing.cpp" line="+56"/>
        <source>parse framing</source>
        <translation>解析分帧</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>delim: expected delim:TEXT, such as delim:\x03</source>
        <translation>delim: 应为 delim:TEXT，例如 delim:\x03</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>delimhex: expected delimhex:HEX, such as delimhex:0d0a</source>
        <translation>delimhex: 应为 delimhex:HEX，例如 delimhex:0d0a</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>delimiter text: %1</source>
        <translation>分隔符文本：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>delimiter hex: %1</source>
        <translation>分隔符十六进制：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+84"/>
        <source>delimiter: must not be empty</source>
        <translation>分隔符：不能为空</translation>
    </message>
    <message>
        <location line="-75"/>
        <source>fixed: expected a length of at least 1 byte, such as fixed:16</source>
        <translation>fixed: 应为至少 1 字节的长度，例如 fixed:16</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>len: expected len:1, len:2be, len:2le, len:4be or len:4le, optionally followed by +hdr (the value counts the header)</source>
        <translation>len: 应为 len:1、len:2be、len:2le、len:4be 或 len:4le，后面可加 +hdr（表示长度值包含头部本身）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>idle: expected a gap of 1 to 4294967295 ms, such as idle:50ms</source>
        <translation>idle: 应为 1 到 4294967295 ms 的间隔，例如 idle:50ms</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>expected raw, lf, crlf, cr, nul, delim:TEXT, delimhex:HEX, fixed:N, len:1|2be|2le|4be|4le[+hdr], idle:MS, optionally followed by ,max:N</source>
        <translation>应为 raw、lf、crlf、cr、nul、delim:TEXT、delimhex:HEX、fixed:N、len:1|2be|2le|4be|4le[+hdr]、idle:MS，后面可跟 ,max:N</translation>
    </message>
    <message>
        <location line="+18"/>
        <location filename="../../core/respond/responder.cpp" line="+327"/>
        <source>check framing</source>
        <translation>检查分帧</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>length: must be at least 1 byte</source>
        <translation>长度：至少为 1 字节</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>length prefix: 1, 2 or 4 bytes</source>
        <translation>长度前缀：应为 1、2 或 4 字节</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>idle gap: must be at least 1 ms</source>
        <translation>空闲间隔：至少为 1 ms</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>mode: unknown framing mode %1</source>
        <translation>模式：未知的分帧模式 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>max message bytes: must be at least 1</source>
        <translation>消息最大字节数：至少为 1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>max: expected a message size of at least 1 byte, such as max:65536</source>
        <translation>max: 应为至少 1 字节的消息大小，例如 max:65536</translation>
    </message>
    <message>
        <location filename="../../core/respond/message_fields.cpp" line="+55"/>
        <source>cannot encode</source>
        <translation>无法编码</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>%1 needs a received message (only replies have one)</source>
        <translation>%1 需要一条收到的消息（只有回复才有）</translation>
    </message>
    <message>
        <location line="+52"/>
        <location filename="../../core/respond/reply_template.cpp" line="+311"/>
        <source>stray &apos;}&apos; (write }} for a brace)</source>
        <translation>多余的 &apos;}&apos;（字面花括号请写作 }}）</translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../../core/respond/reply_template.cpp" line="+4"/>
        <source>unclosed &apos;{&apos;</source>
        <translation>&apos;{&apos; 未闭合</translation>
    </message>
    <message>
        <location line="+66"/>
        <location filename="../../core/respond/reply_template.cpp" line="+133"/>
        <source>parse template</source>
        <translation>解析模板</translation>
    </message>
    <message>
        <location filename="../../core/respond/reply_template.cpp" line="-302"/>
        <location line="+30"/>
        <location line="+71"/>
        <source>unknown option &apos;%1&apos; in %2</source>
        <translation>%2 中的选项 &apos;%1&apos; 未知</translation>
    </message>
    <message>
        <location line="-74"/>
        <source>capture index above 99 in %1</source>
        <translation>%1 中的捕获序号大于 99</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>bad format &apos;%1&apos; in %2 (u8, u16be, u16le, u32be or u32le)</source>
        <translation>%2 中的格式 &apos;%1&apos; 无效（应为 u8、u16be、u16le、u32be 或 u32le）</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>bad format &apos;%1&apos; in %2 (iso, unix or unix_ms)</source>
        <translation>%2 中的格式 &apos;%1&apos; 无效（应为 iso、unix 或 unix_ms）</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>second range &apos;%1&apos; in %2</source>
        <translation>%2 中出现第二个范围 &apos;%1&apos;</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>bad checksum range &apos;%1&apos; in %2 (from.. or from..to, from &lt;= to)</source>
        <translation>%2 中的校验和范围 &apos;%1&apos; 无效（应为 from.. 或 from..to，且 from &lt;= to）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>second byte order &apos;%1&apos; in %2</source>
        <translation>%2 中出现第二个字节序 &apos;%1&apos;</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>unknown field %1</source>
        <translation>未知字段 %1</translation>
    </message>
    <message>
        <location filename="../../core/respond/responder.cpp" line="-383"/>
        <location line="+4"/>
        <source>rule %1</source>
        <translation>规则 %1</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>rule %1 %2</source>
        <translation>规则 %1 %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>check</source>
        <translation>检查</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>parse hex pattern</source>
        <translation>解析十六进制模式</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>a wildcard byte is &quot;??&quot;</source>
        <translation>通配字节应写作 &quot;??&quot;</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>expected hex digits, &quot;??&quot; or &quot;*&quot;, found %1</source>
        <translation>应为十六进制数字、&quot;??&quot; 或 &quot;*&quot;，实际为 %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>a byte needs two hex digits</source>
        <translation>一个字节需要两位十六进制数字</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>error %1</source>
        <translation>错误 %1</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>pattern: empty (use &quot;any&quot; to match everything)</source>
        <translation>模式：为空（要匹配所有消息请使用 &quot;any&quot;）</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+9"/>
        <location line="+18"/>
        <source>pattern: %1</source>
        <translation>模式：%1</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>pattern: empty regular expression</source>
        <translation>模式：正则表达式为空</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>pattern: out of memory</source>
        <translation>模式：内存不足</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>reply: %1</source>
        <translation>回复：%1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>reply: uses {%1} but the pattern has no capture groups</source>
        <translation>回复：使用了 {%1}，但模式中没有捕获组</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>reply: uses {%1} but the pattern has %2 capture group</source>
        <translation>回复：使用了 {%1}，但模式只有 %2 个捕获组</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>reply: uses {%1} but the pattern has %2 capture groups</source>
        <translation>回复：使用了 {%1}，但模式只有 %2 个捕获组</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>any</source>
        <translation>任意</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>contains</source>
        <translation>包含</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>starts with</source>
        <translation>开头为</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>regex</source>
        <translation>正则表达式</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>hex</source>
        <translation>十六进制</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>parse rule</source>
        <translation>解析规则</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>expected PATTERN=&gt;REPLY, e.g. &quot;PING=&gt;PONG\n&quot; or &quot;re:^GET (\S+)=&gt;{1}&quot;</source>
        <translation>应为 PATTERN=&gt;REPLY，例如 &quot;PING=&gt;PONG\n&quot; 或 &quot;re:^GET (\S+)=&gt;{1}&quot;</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&quot;any:&quot; takes no pattern: write &quot;any:=&gt;REPLY&quot;</source>
        <translation>&quot;any:&quot; 不接受模式：请写作 &quot;any:=&gt;REPLY&quot;</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>length: %1 bytes is over the message limit of %2 bytes (raise it: &quot;,max:%1&quot;)</source>
        <translation>长度：%1 字节超过了 %2 字节的消息上限（请添加 &quot;,max:%1&quot; 提高上限）</translation>
    </message>
    <message>
        <location filename="../../core/respond/sequence.cpp" line="-54"/>
        <source>step %1: %2</source>
        <translation>第 %1 步：%2</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>check sequence name</source>
        <translation>检查序列名称</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the name is empty (results and the CLI name a sequence by it)</source>
        <translation>名称为空（结果和命令行都用名称来指代序列）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 bytes, the limit is %2</source>
        <translation>%1 字节，上限为 %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>check sequence</source>
        <translation>检查序列</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>send: %1</source>
        <translation>send 步骤：%1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>wait: %1 ms (expected 1..%2)</source>
        <translation>wait 步骤：%1 ms（应为 1..%2）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>expect: timeout %1 ms (expected 1..%2)</source>
        <translation>expect 步骤：超时 %1 ms（应为 1..%2）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>expect: %1</source>
        <translation>expect 步骤：%1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>repeat: %1 times (expected 1..%2)</source>
        <translation>repeat 步骤：%1 次（应为 1..%2）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>end without a repeat before it</source>
        <translation>end 之前没有对应的 repeat</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>repeat: more than %1 sends in a row without a wait or expect (nested repeats multiply); put a wait inside the repeat</source>
        <translation>repeat 步骤：连续超过 %1 次发送，中间没有 wait 或 expect（嵌套的 repeat 次数相乘）；请在 repeat 内加入 wait</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>repeat without an end</source>
        <translation>repeat 缺少对应的 end</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>parse sequence</source>
        <translation>解析序列</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>line %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>wait takes milliseconds: &quot;wait 100&quot;</source>
        <translation>wait 后应跟毫秒数，例如 &quot;wait 100&quot;</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>repeat takes a count: &quot;repeat 10&quot;</source>
        <translation>repeat 后应跟次数，例如 &quot;repeat 10&quot;</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>end takes nothing after it</source>
        <translation>end 后面不能有任何内容</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>unknown match &quot;%1&quot; (expected contains, start, re, hex or any)</source>
        <translation>未知的匹配方式 &quot;%1&quot;（应为 contains、start、re、hex 或 any）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>expect needs a timeout at the end: &quot;expect PONG within 1000&quot;</source>
        <translation>expect 末尾需要超时时间，例如 &quot;expect PONG within 1000&quot;</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the timeout after &quot;within&quot; is milliseconds: &quot;within 1000&quot;</source>
        <translation>&quot;within&quot; 后的超时时间以毫秒为单位，例如 &quot;within 1000&quot;</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>expect:any takes no pattern: &quot;expect:any within 1000&quot;</source>
        <translation>expect:any 不接受匹配模式：&quot;expect:any within 1000&quot;</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>unknown step &quot;%1&quot; (expected send, sendhex, wait, expect, repeat or end)</source>
        <translation>未知的步骤 &quot;%1&quot;（应为 send、sendhex、wait、expect、repeat 或 end）</translation>
    </message>
    <message>
        <location line="+130"/>
        <source>finished: %1 sent, %2 expected replies met</source>
        <translation>已完成：发送 %1 条，满足 %2 个预期回复</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>step %1: expected any message within %2 ms, none came</source>
        <translation>第 %1 步：%2 ms 内未收到任何消息</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>step %1: expected %2 &quot;%3&quot; within %4 ms, none came</source>
        <translation>第 %1 步：%4 ms 内未收到符合条件（%2 &quot;%3&quot;）的消息</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>not running</source>
        <translation>未在运行</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>stopped at step %1</source>
        <translation>在第 %1 步停止</translation>
    </message>
    <message>
        <location filename="../../core/workspace/json_reader.h" line="+22"/>
        <source>load workspace</source>
        <translation>加载工作区</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>(root)</source>
        <translation>（根）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>expected %1, got %2</source>
        <translation>应为 %1，实际为 %2</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>unknown key</source>
        <translation>未知的键</translation>
    </message>
    <message>
        <location line="+46"/>
        <location line="+4"/>
        <source>integer out of range</source>
        <translation>整数超出范围</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%1 out of range (%2..%3)</source>
        <translation>%1 超出范围（%2..%3）</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1 out of range (0..%2)</source>
        <translation>%1 超出范围（0..%2）</translation>
    </message>
    <message>
        <location line="+30"/>
        <location filename="../../core/workspace/workspace_json.cpp" line="+455"/>
        <location filename="../../core/workspace/workspace_responders.cpp" line="+214"/>
        <source>missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <location filename="../../core/workspace/workspace.cpp" line="+133"/>
        <source>Echo server</source>
        <translation>回显服务器</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>TCP client</source>
        <translation>TCP 客户端</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>UDP A</source>
        <translation>UDP A</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>UDP B</source>
        <translation>UDP B</translation>
    </message>
    <message>
        <location filename="../../core/workspace/workspace_json.cpp" line="-386"/>
        <source>unknown option &quot;%1&quot;</source>
        <translation>未知选项 &quot;%1&quot;</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>option %1 takes 0 or 1, got %2</source>
        <translation>选项 %1 只能取 0 或 1，实际为 %2</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>unknown mode &quot;%1&quot; (expected text, hex or escapes)</source>
        <translation>未知模式 &quot;%1&quot;（应为 text、hex 或 escapes）</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>unknown line ending &quot;%1&quot; (expected none, lf, cr or crlf)</source>
        <translation>未知的行尾 &quot;%1&quot;（应为 none、lf、cr 或 crlf）</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>&quot;%1&quot;: %2</source>
        <translation>&quot;%1&quot;: %2</translation>
    </message>
    <message>
        <location line="+118"/>
        <source>0: a mapping needs an idle timeout (ms &gt; 0)</source>
        <translation>0: 映射需要空闲超时（ms &gt; 0）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>0: a relay needs a buffer (bytes &gt; 0)</source>
        <translation>0: 中继需要缓冲区（字节数 &gt; 0）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>0: the hold queue needs room for a message (&gt; 0)</source>
        <translation>0: 扣留队列至少要能容纳一条消息（&gt; 0）</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>unknown encoding &quot;%1&quot; (expected %2)</source>
        <translation>未知编码 &quot;%1&quot;（应为 %2）</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>unknown family &quot;%1&quot;</source>
        <translation>未知的地址族 &quot;%1&quot;</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>unknown type &quot;%1&quot;</source>
        <translation>未知的类型 &quot;%1&quot;</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>unknown protocol &quot;%1&quot;</source>
        <translation>未知的协议 &quot;%1&quot;</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>unknown role &quot;%1&quot; (expected connect, listen, bind or relay)</source>
        <translation>未知角色 &quot;%1&quot;（应为 connect、listen、bind 或 relay）</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>only a tab with role &quot;relay&quot; has relay settings</source>
        <translation>只有角色为 &quot;relay&quot; 的标签页才有中继设置</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>not a SockLab workspace (format &quot;%1&quot;, expected &quot;%2&quot;)</source>
        <translation>不是 SockLab 工作区（格式为 &quot;%1&quot;，应为 &quot;%2&quot;）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>unsupported version %1 (this build reads version %2)</source>
        <translation>不支持的版本 %1（当前程序只能读取版本 %2）</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>%1 out of range (%2 tabs)</source>
        <translation>%1 超出范围（共 %2 个标签页）</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>line %1, column %2: %3</source>
        <translation>第 %1 行，第 %2 列：%3</translation>
    </message>
    <message>
        <location filename="../../core/workspace/workspace_live_save.cpp" line="+37"/>
        <source>unknown format &quot;%1&quot; (expected pcapng or text)</source>
        <translation>未知格式 &quot;%1&quot;（应为 pcapng 或 text）</translation>
    </message>
    <message>
        <location filename="../../core/workspace/workspace_responders.cpp" line="-138"/>
        <source>unknown match &quot;%1&quot; (expected any, contains, startsWith, regex or hexPattern)</source>
        <translation>未知的匹配方式 &quot;%1&quot;（应为 any、contains、startsWith、regex 或 hexPattern）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>unknown syntax &quot;%1&quot; (expected text or hex)</source>
        <translation>未知语法 &quot;%1&quot;（应为 text 或 hex）</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>a tab has either &quot;echo&quot; or &quot;responders&quot; (echo is a responder rule)</source>
        <translation>一个标签页只能有 &quot;echo&quot; 或 &quot;responders&quot; 其中之一（echo 本身就是一条自动应答规则）</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>sequence %1</source>
        <translation>序列 %1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>one step per line (write a line break as \n)</source>
        <translation>每行一个步骤（换行请写作 \n）</translation>
    </message>
    <message>
        <location filename="../../core/workspace/workspace_write.cpp" line="+143"/>
        <source>save workspace</source>
        <translation>保存工作区</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>create temporary file</source>
        <translation>创建临时文件</translation>
    </message>
    <message>
        <location filename="../../core/net/exposure.cpp" line="+35"/>
        <source>Listening on all interfaces: other machines on your network can connect.</source>
        <translation>正在监听所有网络接口：你所在网络中的其他机器可以连接。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bound to all interfaces: other machines on your network can send to it.</source>
        <translation>已绑定到所有网络接口：你所在网络中的其他机器可以向其发送数据。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Listening on %1: reachable from that network.</source>
        <extracomment>%1: an IP address of this machine, e.g. 192.168.1.5</extracomment>
        <translation>正在监听 %1：可从该网络访问。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bound to %1: reachable from that network.</source>
        <translation>已绑定到 %1：可从该网络访问。</translation>
    </message>
    <message>
        <location filename="../../core/net/unix_socket_file.cpp" line="+29"/>
        <source>it is a symbolic link, not a socket file; SockLab does not delete it</source>
        <translation>它是符号链接，不是套接字文件；SockLab 不会删除它</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>it is a directory, not a socket file; SockLab does not delete it</source>
        <translation>它是目录，不是套接字文件；SockLab 不会删除它</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>it is not a socket file; SockLab does not delete it</source>
        <translation>它不是套接字文件；SockLab 不会删除它</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the socket file belongs to another user (uid %1); SockLab does not delete it</source>
        <translation>该套接字文件属于其他用户（uid %1）；SockLab 不会删除它</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+13"/>
        <source>cannot check whether a program uses it (%1); SockLab does not delete it</source>
        <translation>无法检查是否有程序正在使用它（%1）；SockLab 不会删除它</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>a program has it bound but is not listening; SockLab does not delete it</source>
        <translation>有程序已绑定它但尚未监听；SockLab 不会删除它</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>a program is listening there</source>
        <translation>有程序正在该处监听</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>cannot check whether a program uses it (connect: %1); SockLab does not delete it</source>
        <translation>无法检查是否有程序正在使用它（connect: %1）；SockLab 不会删除它</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>parse unix mode</source>
        <translation>解析 Unix 文件权限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>expected octal digits 0-7, at most 0777, e.g. 0600 or 660</source>
        <translation>应为八进制数字 0-7，最大为 0777，例如 0600 或 660</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>the file changed while SockLab checked it; SockLab does not delete it</source>
        <translation>检查期间该文件发生了变化；SockLab 不会删除它</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>removing a stale socket file</source>
        <translation>正在删除残留的套接字文件</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>removed stale socket file %1 (nobody was listening)</source>
        <translation>已删除残留的套接字文件 %1（没有程序在监听）</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>the socket file vanished</source>
        <translation>套接字文件已消失</translation>
    </message>
</context>
<context>
    <name>socklab::LabFate</name>
    <message>
        <location filename="../../ui/lab/lab_palette.cpp" line="+32"/>
        <source>delivered</source>
        <translation>已送达</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>late</source>
        <translation>迟到</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>out of order</source>
        <translation>乱序</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>duplicated</source>
        <translation>重复</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>lost</source>
        <translation>丢失</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>garbled</source>
        <translation>损坏</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>unsent</source>
        <translation>未发送</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>in flight</source>
        <translation>在途</translation>
    </message>
</context>
<context>
    <name>socklab::LabFigure</name>
    <message>
        <location filename="../../ui/lab/lab_result_model.cpp" line="+12"/>
        <source>delivered</source>
        <translation>已送达</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unsent</source>
        <translation>未发送</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>in flight</source>
        <translation>在途</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>lost</source>
        <translation>丢失</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>duplicated</source>
        <translation>重复</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>out of order</source>
        <translation>乱序</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>late</source>
        <translation>迟到</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>garbled</source>
        <translation>内容损坏</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>latency p50</source>
        <translation>时延 p50</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>latency p99</source>
        <translation>时延 p99</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>wire retransmissions</source>
        <translation>线路上的重传</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TCP retransmits</source>
        <translation>TCP 重传次数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>rtt</source>
        <translation>RTT</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cwnd</source>
        <translation>cwnd</translation>
    </message>
</context>
<context>
    <name>socklab::ui</name>
    <message>
        <location filename="../../ui/export/capture_export.cpp" line="+21"/>
        <source>pcapng for Wireshark (*.pcapng)</source>
        <translation>pcapng，供 Wireshark 使用 (*.pcapng)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hex dump (*.hexdump *.txt)</source>
        <translation>十六进制转储 (*.hexdump *.txt)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Text log (*.log)</source>
        <translation>文本日志 (*.log)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>hex dump</source>
        <translation>十六进制转储</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>text log</source>
        <translation>文本日志</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the tab has no capture yet</source>
        <translation>该标签页还没有捕获</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>export pcapng</source>
        <translation>导出 pcapng</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unix-domain traffic has no IP addresses to put in packets; choose the hex dump or the text log</source>
        <translation>Unix 域流量没有可写入数据包的 IP 地址；请选择十六进制转储或文本日志</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Exported %1 records as %2 to %3</source>
        <translation>已将 %1 条记录导出到 %3（格式：%2）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 records without an IP address skipped (pcapng holds IP packets only; use the hex dump or text log)</source>
        <translation>跳过了 %1 条没有 IP 地址的记录（pcapng 只能容纳 IP 数据包；请使用十六进制转储或文本日志）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 edited or injected records left out (the file shows what the peers sent)</source>
        <translation>未包含 %1 条经过编辑或注入的记录（文件只反映对端实际发送的内容）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 records whose bytes were dropped by the capture limit</source>
        <translation>%1 条记录的字节已因捕获上限被丢弃</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 datagrams cut to fit one IP packet</source>
        <translation>%1 个数据报被截短以装入一个 IP 数据包</translation>
    </message>
    <message>
        <location filename="../../ui/settings/preferences.cpp" line="+68"/>
        <source>save preferences %1: cannot write the file (access denied or read-only)</source>
        <translation>保存首选项 %1: 无法写入文件（访问被拒绝或文件只读）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>save preferences %1: the file is malformed</source>
        <translation>保存首选项 %1: 文件格式错误</translation>
    </message>
</context>
<context>
    <name>socklab::ui::CaptureImportDialog</name>
    <message>
        <location filename="../../ui/import/capture_import_dialog.cpp" line="+32"/>
        <source>&amp;Cancel reading</source>
        <translation>取消读取(&amp;C)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open capture — %1</source>
        <translation>打开捕获文件 — %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Capture summary</source>
        <translation>捕获摘要</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reading progress</source>
        <translation>读取进度</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel reading</source>
        <translation>取消读取</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop reading the file</source>
        <translation>停止读取该文件</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Con&amp;versations</source>
        <translation>会话流(&amp;V)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Conversations</source>
        <translation>会话流</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Skipped packets</source>
        <translation>跳过的数据包</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the selected conversations in read-only tabs (Enter)</source>
        <translation>在只读标签页中打开所选会话流（Enter）</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>%1: no conversations listed</source>
        <translation>%1: 未列出任何会话流</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1: %2, %3 packets, %4 conversations</source>
        <translation>%1: %2，%3 个数据包，%4 个会话流</translation>
    </message>
</context>
<context>
    <name>socklab::ui::CaptureTab</name>
    <message>
        <location filename="../../ui/import/capture_tab.cpp" line="+278"/>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;play…</source>
        <translation>重放(&amp;P)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Cancel import</source>
        <translation>取消导入(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Recorded</source>
        <translation>原始记录</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>Conversation</source>
        <translation>会话流</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export capture</source>
        <translation>导出捕获</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save this conversation as pcapng (Wireshark), a hex dump or a text log (Ctrl+E)</source>
        <translation>将此会话流保存为 pcapng（Wireshark）、十六进制转储或文本日志（Ctrl+E）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Replay</source>
        <translation>重放</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Play one side of this conversation against a live peer and compare its answers with the recording</source>
        <translation>针对一个实际运行的对端重放此会话流的一侧，并将其应答与记录进行比较</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import progress</source>
        <translation>导入进度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel import</source>
        <translation>取消导入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Capture status</source>
        <translation>捕获状态</translation>
    </message>
    <message>
        <location line="-183"/>
        <source>exporting: %1% of %2 records</source>
        <translation>正在导出：%2 条记录，已完成 %1%</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Not imported</source>
        <translation>未导入</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Imported: %1 messages client -&gt; server (%2 bytes), %3 server -&gt; client (%4 bytes)</source>
        <translation>已导入：客户端 -&gt; 服务器 %1 条消息（%2 字节），服务器 -&gt; 客户端 %3 条（%4 字节）</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1, conversation %2: %3 %4</source>
        <translation>%1，会话流 %2：%3 %4</translation>
    </message>
    <message>
        <location line="+6"/>
        <source> · %1</source>
        <translation> · %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> · read-only</source>
        <translation> · 只读</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 #%2 %3 %4</source>
        <translation>%1 #%2 %3 %4</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>export %1: the conversation is not imported</source>
        <translation>导出 %1: 该会话流尚未导入</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>export %1: the previous export of this tab is still running</source>
        <translation>导出 %1: 此标签页的上一次导出仍在进行</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>replay: the conversation is not imported</source>
        <translation>重放：该会话流尚未导入</translation>
    </message>
</context>
<context>
    <name>socklab::ui::Composer</name>
    <message>
        <location filename="../../ui/widgets/composer_text.cpp" line="+21"/>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Hex</source>
        <translation>十六进制</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Escapes</source>
        <translation>转义</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+4"/>
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Text: as typed, in the tab&apos;s text encoding (Encoding, under the traffic). Hex: de ad be ef, 0xDE,0xAD. Escapes: \r \n \t \0 \xNN \NNN \uXXXX.</source>
        <translation>文本：按输入内容，使用本标签页的文本编码（流量区下方的“编码”）。十六进制：de ad be ef、0xDE,0xAD。转义：\r \n \t \0 \xNN \NNN \uXXXX。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No line ending</source>
        <translation>无行尾</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>LF (\n)</source>
        <translation>LF (\n)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CR LF (\r\n)</source>
        <translation>CR LF (\r\n)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CR (\r)</source>
        <translation>CR (\r)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Line ending</source>
        <translation>行尾</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Line endin&amp;g</source>
        <translation>行尾(&amp;G)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+7"/>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>nothing sent yet</source>
        <translation>尚未发送任何内容</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sent messages, newest first: choose one to put it back in the editor</source>
        <translation>已发送的消息，最新的在前：选择一条即可放回编辑区</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Fields</source>
        <translation>字段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Message fields</source>
        <translation>消息字段</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fill fields in braces when sending: {seq} the send count (1 for the tab&apos;s first send; binary {seq:u8}, {seq:u16be}, {seq:u32le}…), {time} local time, {time:iso}, {time:unix}, {time:unix_ms}; checksums over the bytes before them {crc16-modbus}, {crc16-ccitt}, {crc32}, {sum8}, {xor8}, {lrc}, or over a range {crc32:4..}, {sum8:1..9}, byte order {crc32:le}; {{ and }} for braces</source>
        <translation>发送时填充花括号中的字段：{seq} 发送计数（本标签页第一次发送为 1；二进制形式 {seq:u8}、{seq:u16be}、{seq:u32le}…），{time} 本地时间，{time:iso}，{time:unix}，{time:unix_ms}；对其前面字节计算的校验和 {crc16-modbus}、{crc16-ccitt}、{crc32}、{sum8}、{xor8}、{lrc}，或对指定范围计算 {crc32:4..}、{sum8:1..9}，指定字节序 {crc32:le}；用 {{ 和 }} 表示花括号本身</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+1"/>
        <source>Insert field</source>
        <translation>插入字段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Insert a field at the cursor (turns Fields on)</source>
        <translation>在光标处插入字段（同时开启“字段”）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1  %2</source>
        <translation>%1  %2</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/composer.cpp" line="+78"/>
        <source>Counter</source>
        <translation>计数器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Counter, 16-bit big-endian</source>
        <translation>计数器，16 位大端序</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Local time</source>
        <translation>本地时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>UTC time, ISO 8601</source>
        <translation>UTC 时间，ISO 8601</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unix time, seconds</source>
        <translation>Unix 时间，秒</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/composer_text.cpp" line="+2"/>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type a message; Ctrl+Enter sends. Up/Down on the first/last line browse the history.</source>
        <translation>输入消息；Ctrl+Enter 发送。在首行/末行按 Up/Down 浏览历史记录。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Type a destination address, e.g. 127.0.0.1:9000</source>
        <translation>请输入目标地址，例如 127.0.0.1:9000</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Se&amp;nd</source>
        <translation>发送(&amp;N)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Send (Ctrl+Enter)</source>
        <translation>发送（Ctrl+Enter）</translation>
    </message>
    <message>
        <location line="-49"/>
        <source>Urgent (MSG_OO&amp;B)</source>
        <translation>紧急数据(&amp;B) (MSG_OOB)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Urgent (MSG_OOB)</source>
        <translation>紧急数据 (MSG_OOB)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send as TCP urgent data; the peer sees the last byte out of band.</source>
        <translation>作为 TCP 紧急数据发送；对端会将最后一个字节作为带外数据接收。</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Half-close</source>
        <translation>半关闭</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>shutdown(SHUT_WR): send FIN, keep receiving</source>
        <translation>shutdown(SHUT_WR)：发送 FIN，继续接收</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send file…</source>
        <translation>发送文件…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/composer.cpp" line="+348"/>
        <location filename="../../ui/widgets/composer_text.cpp" line="+1"/>
        <source>Send file</source>
        <translation>发送文件</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/composer_text.cpp" line="+1"/>
        <source>Inject toward server</source>
        <translation>向服务器注入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inject toward client</source>
        <translation>向客户端注入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inject direction</source>
        <translation>注入方向</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Relay: the message enters the chosen direction as if its source had sent it (it passes that direction&apos;s impairment)</source>
        <translation>中继：消息进入所选方向，如同由该方向的源端发出（会经过该方向的损伤设置）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Inject di&amp;rection</source>
        <translation>注入方向(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Message validation</source>
        <translation>消息校验</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Destination</source>
        <translation>目的地址</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Destination problem</source>
        <translation>目标地址问题</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <source>Repeat</source>
        <translation>重复</translation>
    </message>
    <message>
        <location line="-1"/>
        <source> times</source>
        <translation> 次</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>e&amp;very</source>
        <translation>间隔(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>every</source>
        <translation>间隔</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Type a destination address</source>
        <translation>请输入目标地址</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Start repeat</source>
        <translation>开始重复</translation>
    </message>
    <message>
        <location line="-29"/>
        <source>Ping count</source>
        <translation>Ping 次数</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Ping</source>
        <translation>Ping</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>I&amp;nject</source>
        <translation>注入(&amp;N)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inject</source>
        <translation>注入</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Inject (Ctrl+Enter)</source>
        <translation>注入（Ctrl+Enter）</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/widgets/composer.cpp" line="-112"/>
        <source>%n byte(s)</source>
        <translation>
            <numerusform>%n 字节</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/widgets/composer_text.cpp" line="+5"/>
        <source>Stop repeat</source>
        <translation>停止重复</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/composer.cpp" line="+119"/>
        <source>send file %1: larger than %2 MiB</source>
        <translation>发送文件 %1: 大于 %2 MiB</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>send file %1: %2</source>
        <translation>发送文件 %1: %2</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/composer_text.cpp" line="+9"/>
        <source>hex: </source>
        <translation>十六进制: </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>esc: </source>
        <translation>转义: </translation>
    </message>
</context>
<context>
    <name>socklab::ui::ConnectionList</name>
    <message>
        <location filename="../../ui/widgets/connection_list.cpp" line="+197"/>
        <location line="+18"/>
        <source>Connections</source>
        <translation>连接</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>Connection columns</source>
        <translation>连接列</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Click a column to sort by it; again for descending, a third time for accept order</source>
        <translation>单击列按其排序；再次单击降序，第三次单击恢复接受顺序</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sort b&amp;y</source>
        <translation>排序方式(&amp;Y)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sort by</source>
        <translation>排序方式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accept order</source>
        <translation>接受顺序</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+1"/>
        <source>Descending</source>
        <translation>降序</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;All connections</source>
        <translation>所有连接(&amp;A)</translation>
    </message>
    <message>
        <location line="-3"/>
        <location line="+4"/>
        <source>Close connection</source>
        <translation>关闭连接</translation>
    </message>
    <message>
        <location line="-3"/>
        <location line="+4"/>
        <source>Reset connection</source>
        <translation>重置连接</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>All connections</source>
        <translation>所有连接</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send to every connection and show all traffic; untick to use the connection selected above</source>
        <translation>发送到每个连接并显示全部流量；取消勾选则使用上方所选的连接</translation>
    </message>
</context>
<context>
    <name>socklab::ui::ConnectionModel</name>
    <message>
        <location filename="../../ui/models/connection_model.cpp" line="+31"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <location line="+425"/>
        <source>conn %1</source>
        <translation>连接 %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>conn %1 %2</source>
        <translation>连接 %1 %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Client → upstream</source>
        <translation>客户端 → 上游</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Peer</source>
        <translation>对端</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bytes → server</source>
        <translation>字节 → 服务器</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Bytes in</source>
        <translation>接收字节</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bytes → client</source>
        <translation>字节 → 客户端</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Bytes out</source>
        <translation>发送字节</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Age</source>
        <translation>存续时间</translation>
    </message>
</context>
<context>
    <name>socklab::ui::ConversationModel</name>
    <message>
        <location filename="../../ui/import/conversation_model.cpp" line="+14"/>
        <source>%1 -&gt; %2</source>
        <translation>%1 -&gt; %2</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Protocol</source>
        <translation>协议</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Client -&gt; server</source>
        <translation>客户端 -&gt; 服务器</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Packets</source>
        <translation>数据包</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bytes c-&gt;s</source>
        <translation>字节 客→服</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bytes s-&gt;c</source>
        <translation>字节 服→客</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Duration</source>
        <translation>持续时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>socklab::ui::ErrorBanner</name>
    <message>
        <location filename="../../ui/widgets/error_banner.cpp" line="+48"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>socklab::ui::FilterBar</name>
    <message>
        <location filename="../../ui/views/filter_bar.cpp" line="+282"/>
        <source>Events</source>
        <translation>事件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Errors</source>
        <translation>错误</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>Show events</source>
        <translation>显示事件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show errors</source>
        <translation>显示错误</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lifecycle records (connected, closed…) and notes</source>
        <translation>生命周期记录（已连接、已关闭…）和备注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Errors and resets</source>
        <translation>错误和重置</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Pee&amp;r</source>
        <translation>对端(&amp;R)</translation>
    </message>
    <message>
        <location line="-25"/>
        <source>Filter by peer</source>
        <translation>按对端过滤</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>address contains</source>
        <translation>地址包含</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only records whose peer address contains this text (&quot;127.0.0.1:40&quot;, &quot;[::1]&quot;)</source>
        <translation>只显示对端地址包含此文本的记录（&quot;127.0.0.1:40&quot;、&quot;[::1]&quot;）</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>contains</source>
        <translation>包含</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>starts with</source>
        <translation>开头为</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>regex</source>
        <translation>正则表达式</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>hex pattern</source>
        <translation>十六进制模式</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Data</source>
        <translation>数据(&amp;D)</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>Content match</source>
        <translation>内容匹配</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How the content pattern is read (as responder rules read it)</source>
        <translation>内容模式的解释方式（与自动应答规则相同）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Content pattern</source>
        <translation>内容模式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>empty: any content</source>
        <translation>留空：任意内容</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Data records (messages) whose bytes match, and other records whose text matches. Text with escapes (\r\n, \x03); a regular expression (PCRE2); or hex with ?? for any byte and * for any bytes (&quot;01 03 ?? *&quot;)</source>
        <translation>字节匹配的数据记录（消息），以及文本匹配的其他记录。可用带转义序列的文本（\r\n、\x03）、正则表达式（PCRE2），或十六进制，其中 ?? 表示任意一个字节，* 表示任意多个字节（&quot;01 03 ?? *&quot;）</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>&amp;Messages</source>
        <translation>消息(&amp;M)</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>Message framing</source>
        <translation>消息分帧</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reads (e.g. crlf, len:2be)</source>
        <translation>按读取（例如 crlf、len:2be）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show messages instead of reads, cut by this framing: lf, crlf, cr, nul, delim:TEXT, delimhex:HEX, fixed:N, len:1, len:2be, len:4le+hdr, idle:MS (optional ,max:N). Empty: each read or datagram as it came. The raw records stay.</source>
        <translation>按此分帧方式切分并显示消息，而不是每次读取：lf、crlf、cr、nul、delim:TEXT、delimhex:HEX、fixed:N、len:1、len:2be、len:4le+hdr、idle:MS（可选 ,max:N）。留空：每次读取或每个数据报按到达时原样显示。原始记录保持不变。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show all</source>
        <translation>全部显示</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show all records</source>
        <translation>显示所有记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear the filter and the framing</source>
        <translation>清除过滤条件和分帧</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter problem</source>
        <translation>过滤条件有误</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <location line="-168"/>
        <source>In</source>
        <translation>接收</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Out</source>
        <translation>发送</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+1"/>
        <source>Show data %1</source>
        <translation>显示 %1 方向的数据</translation>
    </message>
</context>
<context>
    <name>socklab::ui::FindBar</name>
    <message>
        <location filename="../../ui/views/find_bar.cpp" line="+24"/>
        <location line="+4"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location line="-3"/>
        <location line="+4"/>
        <source>Clear the search text</source>
        <translation>清除搜索文本</translation>
    </message>
    <message>
        <location line="+119"/>
        <location line="+17"/>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>text, hex (de ad be ef) or escapes (\r\n)</source>
        <translation>文本、十六进制（de ad be ef）或转义序列（\r\n）</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Find (Ctrl+F); Enter or F3: next, Shift+F3: previous</source>
        <translation>查找（Ctrl+F）；Enter 或 F3：下一个，Shift+F3：上一个</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Hex</source>
        <translation>十六进制</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Escapes</source>
        <translation>转义</translation>
    </message>
    <message>
        <location line="-11"/>
        <location line="+1"/>
        <source>Find as</source>
        <translation>查找方式</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>as</source>
        <translation>按</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>How the pattern is read</source>
        <translation>查找模式的解释方式</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Previous</source>
        <translation>上一个</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Find previous</source>
        <translation>查找上一个</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Find previous (Shift+F3)</source>
        <translation>查找上一个（Shift+F3）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next</source>
        <translation>下一个</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Find next</source>
        <translation>查找下一个</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Find next (F3)</source>
        <translation>查找下一个（F3）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Find status</source>
        <translation>查找状态</translation>
    </message>
</context>
<context>
    <name>socklab::ui::FramingEditor</name>
    <message>
        <location filename="../../ui/widgets/framing_editor.cpp" line="+160"/>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Message framing</source>
        <translation>消息分帧</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>each read or datagram</source>
        <translation>每次读取或每个数据报</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>end with a delimiter</source>
        <translation>以分隔符结尾</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>fixed length</source>
        <translation>固定长度</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>length prefix</source>
        <translation>长度前缀</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>end after a pause</source>
        <translation>停顿后结束</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>How received bytes are cut into the messages the rules see</source>
        <translation>如何将收到的字节切分为规则所处理的消息</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+16"/>
        <source>Delimiter</source>
        <translation>分隔符</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>The bytes that end a message, with C escapes: \r\n, \x03</source>
        <translation>标志消息结束的字节，可用 C 转义序列：\r\n、\x03</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> bytes</source>
        <translation> 字节</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Message length</source>
        <translation>消息长度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Length prefix size</source>
        <translation>长度前缀大小</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1 byte</source>
        <translation>1 字节</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>2 bytes</source>
        <translation>2 字节</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>4 bytes</source>
        <translation>4 字节</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Length prefix byte order</source>
        <translation>长度前缀字节序</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>big-endian</source>
        <translation>大端序</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>little-endian</source>
        <translation>小端序</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>counts its own bytes</source>
        <translation>包含前缀自身的字节</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Length counts the prefix</source>
        <translation>长度包含前缀</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pause that ends a message</source>
        <translation>标志消息结束的停顿时长</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Length</source>
        <translation>长度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Prefix</source>
        <translation>前缀</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pause</source>
        <translation>停顿</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Framing problem</source>
        <translation>分帧设置有误</translation>
    </message>
    <message>
        <location line="-45"/>
        <source>Delimiter: %1</source>
        <translation>分隔符：%1</translation>
    </message>
</context>
<context>
    <name>socklab::ui::HeldEditDialog</name>
    <message>
        <location filename="../../ui/dialogs/held_edit_dialog.cpp" line="+20"/>
        <source>Edit held message #%1</source>
        <translation>编辑扣留的消息 #%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Held #%1, conn %2, %3: edit the bytes, then release them.</source>
        <translation>扣留 #%1，连接 %2，%3：编辑这些字节，然后放行。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Escapes (\r \n \xNN)</source>
        <translation>转义 (\r \n \xNN)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hex</source>
        <translation>十六进制</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Text (UTF-8)</source>
        <translation>文本 (UTF-8)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit mode</source>
        <translation>编辑模式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Mode</source>
        <translation>模式(&amp;M)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Held bytes</source>
        <translation>扣留的字节</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Bytes</source>
        <translation>字节(&amp;B)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Held bytes note</source>
        <translation>扣留字节说明</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Held bytes validation</source>
        <translation>扣留字节校验</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Release edited</source>
        <translation>放行编辑结果(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Release edited</source>
        <translation>放行编辑结果</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Not valid UTF-8: shown as escapes so that no byte changes.</source>
        <translation>不是有效的 UTF-8：以转义序列显示，以免改动任何字节。</translation>
    </message>
    <message numerus="yes">
        <location line="+33"/>
        <source>%n byte(s)</source>
        <translation>
            <numerusform>%n 字节</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>socklab::ui::HeldQueueModel</name>
    <message>
        <location filename="../../ui/models/held_queue_model.cpp" line="+89"/>
        <source>conn %1</source>
        <translation>连接 %1</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n byte(s)</source>
        <translation>
            <numerusform>%n 字节</numerusform>
        </translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Held</source>
        <translation>扣留编号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connection</source>
        <translation>连接</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
</context>
<context>
    <name>socklab::ui::HexView</name>
    <message>
        <location filename="../../ui/views/hex_view.cpp" line="+24"/>
        <location line="+9"/>
        <source>Hex view</source>
        <translation>十六进制视图</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>(bytes evicted by the memory cap)</source>
        <translation>（字节已因内存上限被清除）</translation>
    </message>
</context>
<context>
    <name>socklab::ui::HoldQueuePanel</name>
    <message>
        <location filename="../../ui/widgets/hold_queue_panel.cpp" line="+130"/>
        <source>Hold queue</source>
        <translation>扣留队列</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Held &amp;messages</source>
        <translation>扣留的消息(&amp;M)</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Held messages</source>
        <translation>扣留的消息</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Relea&amp;se</source>
        <translation>放行(&amp;S)</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Release</source>
        <translation>放行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Forward the selected message as it arrived</source>
        <translation>按到达时的原样转发所选消息</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Edit &amp;&amp; release…</source>
        <translation>编辑 &amp;&amp; 放行(&amp;E)…</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Edit and release</source>
        <translation>编辑并放行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change the selected message&apos;s bytes, then forward them</source>
        <translation>修改所选消息的字节，然后转发</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Dro&amp;p</source>
        <translation>丢弃(&amp;P)</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Drop</source>
        <translation>丢弃</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Forget the selected message: it is never forwarded</source>
        <translation>丢弃所选消息：它将永远不会被转发</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Release &amp;all</source>
        <translation>全部放行(&amp;A)</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Release all</source>
        <translation>全部放行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Forward every held message of both directions, in order</source>
        <translation>按顺序转发两个方向上所有扣留的消息</translation>
    </message>
    <message>
        <location line="-56"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n waiting</source>
        <translation>
            <numerusform>%n 条等待中</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>socklab::ui::ImpairmentEditor</name>
    <message>
        <location filename="../../ui/widgets/impairment_editor.cpp" line="+42"/>
        <source>Delay</source>
        <translation>时延</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Jitter</source>
        <translation>抖动</translation>
    </message>
    <message>
        <location line="+95"/>
        <source>Rate</source>
        <translation>速率</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>unlimited</source>
        <translation>不限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A link of this rate: 1MB/s, 512KB/s, 10Mbit/s or bytes per second; empty = unlimited</source>
        <translation>按此速率的链路传输：1MB/s、512KB/s、10Mbit/s 或每秒字节数；留空 = 不限</translation>
    </message>
    <message>
        <location line="-98"/>
        <source>Loss</source>
        <translation>丢包</translation>
    </message>
    <message>
        <location line="+100"/>
        <source>&amp;Burst loss</source>
        <translation>突发丢包(&amp;B)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Burst loss</source>
        <translation>突发丢包</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gilbert-Elliott bursts: a datagram enters a lossy burst with the first chance and leaves it with the second</source>
        <translation>Gilbert-Elliott 突发模型：数据报按第一个概率进入丢包突发，按第二个概率离开</translation>
    </message>
    <message>
        <location line="-100"/>
        <source>Burst enter</source>
        <translation>进入突发</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Burst leave</source>
        <translation>离开突发</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Duplicate</source>
        <translation>重复</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reorder</source>
        <translation>乱序</translation>
    </message>
    <message>
        <location line="+97"/>
        <source>Reorder depth</source>
        <translation>乱序深度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A reordered datagram leaves after this many later ones</source>
        <translation>被乱序的数据报会延后到其后这么多个数据报之后才发出</translation>
    </message>
    <message>
        <location line="-94"/>
        <source>Corrupt</source>
        <translation>损坏</translation>
    </message>
    <message>
        <location line="+95"/>
        <source>Chance of one flipped bit per datagram</source>
        <translation>每个数据报翻转一个比特的概率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>off</source>
        <translation>关</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> B</source>
        <translation> B</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Truncate</source>
        <translation>截断</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Longer datagrams are cut to this many bytes</source>
        <translation>超过此字节数的数据报会被截断</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Segment</source>
        <translation>重新分段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>off, e.g. 1..16</source>
        <translation>关，例如 1..16</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write what arrives in pieces of min..max bytes</source>
        <translation>将到达的数据按 min..max 字节分段写出</translation>
    </message>
    <message>
        <location line="-97"/>
        <source>Coalesce</source>
        <translation>合并</translation>
    </message>
    <message>
        <location line="+98"/>
        <source>Gather what arrives for this long, write it as one</source>
        <translation>将此时长内到达的数据收集起来，一次写出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S&amp;tall</source>
        <translation>停滞(&amp;T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stall</source>
        <translation>停滞</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deliver nothing; bytes wait and the source is slowed by backpressure</source>
        <translation>不投递任何数据；字节积压等待，源端因背压而减速</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reset after</source>
        <translation>传输后重置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>off, e.g. 64KiB</source>
        <translation>关，例如 64KiB</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset both legs after this many bytes were delivered</source>
        <translation>投递了这么多字节之后重置两侧连接</translation>
    </message>
    <message>
        <location line="-101"/>
        <source>Slow close</source>
        <translation>延迟关闭</translation>
    </message>
    <message>
        <location line="+102"/>
        <source>Hold the FIN this long after the last byte</source>
        <translation>最后一个字节之后将 FIN 扣留这么长时间</translation>
    </message>
    <message>
        <location line="-90"/>
        <source>De&amp;lay</source>
        <translation>时延(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Jitter</source>
        <translation>抖动(&amp;J)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>R&amp;ate</source>
        <translation>速率(&amp;A)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>L&amp;oss</source>
        <translation>丢包(&amp;O)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>D&amp;uplicate</source>
        <translation>重复(&amp;U)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>E&amp;nter</source>
        <translation>进入(&amp;N)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lea&amp;ve</source>
        <translation>离开(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reo&amp;rder</source>
        <translation>乱序(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dept&amp;h</source>
        <translation>深度(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Corru&amp;pt</source>
        <translation>损坏(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tr&amp;uncate</source>
        <translation>截断(&amp;U)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Se&amp;gment</source>
        <translation>分段(&amp;G)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coalesc&amp;e</source>
        <translation>合并(&amp;E)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Slo&amp;w close</source>
        <translation>延迟关闭(&amp;W)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset a&amp;fter</source>
        <translation>传输后重置(&amp;F)</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Rate problem</source>
        <translation>速率问题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Segment problem</source>
        <translation>分段问题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset after problem</source>
        <translation>传输后重置问题</translation>
    </message>
    <message>
        <location line="+34"/>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> ms</source>
        <translation> ms</translation>
    </message>
</context>
<context>
    <name>socklab::ui::LabController</name>
    <message>
        <location filename="../../ui/lab/lab_controller.cpp" line="+80"/>
        <source>Stopped before the run ended.</source>
        <translation>在运行结束前已停止。</translation>
    </message>
    <message>
        <location line="+259"/>
        <source>The experiment did not finish within %1 s.</source>
        <translation>实验未在 %1 s 内完成。</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>A capture of the run is gone.</source>
        <translation>本次运行的一份捕获已不存在。</translation>
    </message>
</context>
<context>
    <name>socklab::ui::LabLanesView</name>
    <message>
        <location filename="../../ui/lab/lab_lanes_view.cpp" line="+22"/>
        <source>TCP writes</source>
        <translation>TCP 写入</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>TCP reads</source>
        <translation>TCP 读取</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+29"/>
        <source>UDP writes</source>
        <translation>UDP 写入</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>UDP reads</source>
        <translation>UDP 读取</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>not a message</source>
        <translation>不是消息</translation>
    </message>
    <message>
        <location line="+197"/>
        <source>TCP and UDP lanes</source>
        <translation>TCP 与 UDP 泳道</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Writes and reads of both protocols on a time axis; the message table lists the same fates as text</source>
        <translation>两种协议的写入和读取显示在同一时间轴上；消息表以文本形式列出相同的结果</translation>
    </message>
    <message>
        <location line="-98"/>
        <source>Run the lab to see each write and read here.</source>
        <translation>运行实验后，即可在此看到每次写入和读取。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>%1: %2, %3 bytes at %4 ms — %5</source>
        <translation>%1：%2，%3 字节，位于 %4 ms — %5</translation>
    </message>
</context>
<context>
    <name>socklab::ui::LabMessagesModel</name>
    <message>
        <location filename="../../ui/lab/lab_messages_model.cpp" line="+89"/>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>TCP</source>
        <translation>TCP</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>TCP latency</source>
        <translation>TCP 时延</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>UDP</source>
        <translation>UDP</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>UDP latency</source>
        <translation>UDP 时延</translation>
    </message>
</context>
<context>
    <name>socklab::ui::LabNetworks</name>
    <message>
        <location filename="../../ui/lab/lab_networks.cpp" line="+11"/>
        <source>Lab network %1</source>
        <translation>实验网络 %1</translation>
    </message>
</context>
<context>
    <name>socklab::ui::LabResultModel</name>
    <message>
        <location filename="../../ui/lab/lab_result_model.cpp" line="+61"/>
        <source>Figure</source>
        <translation>指标</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>TCP</source>
        <translation>TCP</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>UDP</source>
        <translation>UDP</translation>
    </message>
</context>
<context>
    <name>socklab::ui::LabSettingsPanel</name>
    <message>
        <location filename="../../ui/lab/lab_settings_panel.cpp" line="+211"/>
        <source>Guided experiment</source>
        <translation>引导式实验</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Experiment</source>
        <translation>实验</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your own settings (below)</source>
        <translation>自定义设置（见下方）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>What to look for</source>
        <translation>观察要点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E&amp;xperiment</source>
        <translation>实验(&amp;X)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Messages (the same over TCP and UDP)</source>
        <translation>消息（TCP 和 UDP 相同）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Message count</source>
        <translation>消息数量</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> bytes</source>
        <translation> 字节</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Message size</source>
        <translation>消息大小</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Interval between messages</source>
        <translation>消息间隔</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>How many numbered messages each protocol sends</source>
        <translation>每种协议发送的编号消息数量</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>0 sends them all at once</source>
        <translation>0 表示一次性全部发送</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Count:</source>
        <translation>数量(&amp;C)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Si&amp;ze:</source>
        <translation>大小(&amp;Z)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Interval:</source>
        <translation>间隔(&amp;I)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The wire between host A and host B</source>
        <translation>主机 A 与主机 B 之间的线路</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wire direction</source>
        <translation>线路方向</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A to B impairment</source>
        <translation>A 到 B 的损伤</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>B to A impairment</source>
        <translation>B 到 A 的损伤</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A → B (data)</source>
        <translation>A → B（数据）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>B → A (acknowledgements)</source>
        <translation>B → A（确认）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MTU</source>
        <translation>MTU</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Random seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The same seed and traffic give the same fates</source>
        <translation>相同的种子和流量会得到相同的结果</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MT&amp;U:</source>
        <translation>MTU(&amp;U)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S&amp;eed:</source>
        <translation>种子(&amp;E)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sockets</source>
        <translation>套接字</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>IPv&amp;6 (2001:db8::1 → 2001:db8::2)</source>
        <translation>使用 IPv6(&amp;6)（2001:db8::1 → 2001:db8::2）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TCP_NO&amp;DELAY on the TCP sender (Nagle off)</source>
        <translation>TCP 发送端启用 TCP_NODELAY(&amp;D)（关闭 Nagle）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Relays on &amp;loopback instead of the lab network</source>
        <translation>使用环回接口上的中继代替实验网络(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TCP then sees no real loss: loopback never drops a segment</source>
        <translation>这样 TCP 不会遇到真正的丢包：环回接口从不丢弃报文段</translation>
    </message>
    <message>
        <location line="-85"/>
        <source>A → B: %1</source>
        <translation>A → B: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>B → A: %1</source>
        <translation>B → A: %1</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Set the messages and the wire yourself, or pick an experiment above: each sets them up and says what to look for.</source>
        <translation>自行设置消息和线路，或在上方选择一个实验：每个实验都会自动完成设置，并说明观察要点。</translation>
    </message>
</context>
<context>
    <name>socklab::ui::LabTab</name>
    <message>
        <location filename="../../ui/lab/lab_tab.cpp" line="+40"/>
        <source>Set the messages and the wire, then press Run.</source>
        <translation>设置消息和线路，然后按“运行”。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Building the lab network…</source>
        <translation>正在构建实验网络…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Opening the receivers in host B…</source>
        <translation>正在主机 B 中打开接收端…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Opening the relays on loopback…</source>
        <translation>正在环回接口上打开中继…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connecting from host A…</source>
        <translation>正在从主机 A 发起连接…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sending the messages over TCP and UDP…</source>
        <translation>正在通过 TCP 和 UDP 发送消息…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Waiting for late arrivals and retransmissions…</source>
        <translation>正在等待迟到的数据和重传…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Collecting TCP_INFO and the wire&apos;s figures…</source>
        <translation>正在收集 TCP_INFO 和线路统计数据…</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+344"/>
        <source>Done.</source>
        <translation>完成。</translation>
    </message>
    <message>
        <location line="-342"/>
        <source>The run failed.</source>
        <translation>运行失败。</translation>
    </message>
    <message>
        <location filename="../../ui/lab/lab_tab_text.cpp" line="+22"/>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Lab figures</source>
        <translation>实验指标</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Message fates</source>
        <translation>消息结果</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wire packets</source>
        <translation>线路数据包</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Run the lab</source>
        <translation>运行实验</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop the lab</source>
        <translation>停止实验</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lab status</source>
        <translation>实验状态</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Lab details</source>
        <translation>实验详情</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Messages</source>
        <translation>消息(&amp;M)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>L&amp;adder</source>
        <translation>时序图(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Packets on the wire</source>
        <translation>线路上的数据包(&amp;P)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>TCP over time</source>
        <translation>TCP 随时间变化</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>A %1</source>
        <translation>A %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>B %1</source>
        <translation>B %1</translation>
    </message>
    <message>
        <location filename="../../ui/lab/lab_tab.cpp" line="+103"/>
        <source>Step %1 of %2: %3</source>
        <translation>第 %1/%2 步：%3</translation>
    </message>
    <message>
        <location filename="../../ui/lab/lab_tab_text.cpp" line="-52"/>
        <source>Every IP packet as host A or B sent it, with what the wire did to it.</source>
        <translation>主机 A 或 B 发出的每个 IP 数据包（按发出时的原样），以及线路对它的处理。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export wire pcapn&amp;g…</source>
        <translation>导出线路 pcapng(&amp;G)…</translation>
    </message>
    <message>
        <location filename="../../ui/lab/lab_tab_exports.cpp" line="+155"/>
        <location filename="../../ui/lab/lab_tab_text.cpp" line="+1"/>
        <source>Export the wire as pcapng</source>
        <translation>将线路导出为 pcapng</translation>
    </message>
    <message>
        <location filename="../../ui/lab/lab_tab_text.cpp" line="+1"/>
        <source>Raw IP packets for Wireshark or tshark; each packet&apos;s fate is its comment</source>
        <translation>供 Wireshark 或 tshark 使用的原始 IP 数据包；每个数据包的结果写在其注释中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export soc&amp;ket captures…</source>
        <translation>导出套接字捕获(&amp;K)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export the lab sockets&apos; captures as pcapng</source>
        <translation>将实验套接字的捕获导出为 pcapng</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What each lab socket sent and received, one pcapng file per socket, next to the wire&apos;s packets</source>
        <translation>每个实验套接字发送和接收的内容，每个套接字一个 pcapng 文件，与线路数据包放在一起</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Packet bytes</source>
        <translation>数据包字节</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select a packet (here or on the ladder) to see its bytes.</source>
        <translation>选择一个数据包（在此处或时序图上）即可查看其字节。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ladder rows</source>
        <translation>时序图行排列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sequence (one row per event)</source>
        <translation>按顺序（每个事件一行）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time (arrows slope with the delay)</source>
        <translation>按时间（箭头斜率随时延变化）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Follow live</source>
        <translation>实时跟随(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export P&amp;NG / SVG…</source>
        <translation>导出 PNG / SVG(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../ui/lab/lab_tab_exports.cpp" line="+14"/>
        <location filename="../../ui/lab/lab_tab_text.cpp" line="+1"/>
        <source>Export the ladder</source>
        <translation>导出时序图</translation>
    </message>
    <message>
        <location filename="../../ui/lab/lab_tab_text.cpp" line="+1"/>
        <source>Ro&amp;ws:</source>
        <translation>行排列(&amp;W)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The TCP sender&apos;s TCP_INFO every 250 ms next to what the wire saw: each dropped data segment is sent again, and the congestion window shrinks.</source>
        <translation>TCP 发送端每 250 ms 采样的 TCP_INFO，与线路上观察到的情况并列显示：每个被丢弃的数据报文段都会重发，拥塞窗口随之缩小。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location filename="../../ui/lab/lab_tab_exports.cpp" line="-121"/>
        <location filename="../../ui/lab/lab_tab_text.cpp" line="+1"/>
        <source>Export TCP over time as CSV</source>
        <translation>将 TCP 随时间变化数据导出为 CSV</translation>
    </message>
    <message>
        <location filename="../../ui/lab/lab_tab_text.cpp" line="+1"/>
        <source>TCP at the cursor</source>
        <translation>光标处的 TCP 状态</translation>
    </message>
    <message>
        <location filename="../../ui/lab/lab_tab.cpp" line="+158"/>
        <source>TCP vs UDP lab</source>
        <translation>TCP 与 UDP 对比实验</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>Claim holds: %1</source>
        <translation>结论成立：%1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Claim does not hold: %1</source>
        <translation>结论不成立：%1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Done: TCP delivered %1 of %2 messages.</source>
        <translation>完成：TCP 送达了 %2 条消息中的 %1 条。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every byte arrived in order.</source>
        <translation>所有字节均按序到达。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>UDP delivered %1, lost %2, duplicated %3, out of order %4.</source>
        <translation>UDP 送达 %1 条，丢失 %2 条，重复 %3 条，乱序 %4 条。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>(Relays on loopback: TCP saw no real loss.)</source>
        <translation>（使用环回接口上的中继：TCP 未遇到真正的丢包。）</translation>
    </message>
    <message>
        <location filename="../../ui/lab/lab_tab_exports.cpp" line="-18"/>
        <source>Export timeline %1: nothing to write yet (run a message schedule first; scripted experiments have no timeline)</source>
        <translation>导出时间线 %1: 尚无可写入的内容（请先运行消息计划；脚本化实验没有时间线）</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+4"/>
        <source>Export timeline %1: %2</source>
        <translation>导出时间线 %1: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Wrote TCP over time to %1</source>
        <translation>已将 TCP 随时间变化数据写入 %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>CSV (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Export socket captures to %1: no lab run yet</source>
        <translation>导出套接字捕获到 %1: 实验尚未运行</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Wrote %1 to %2</source>
        <translation>已将 %1 写入 %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Export the lab sockets&apos; captures into</source>
        <translation>将实验套接字的捕获导出到</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Replace files?</source>
        <translation>替换文件？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 already has %2. Replace them?</source>
        <translation>%1 中已有 %2。要替换它们吗？</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+15"/>
        <location line="+4"/>
        <source>Export ladder %1: %2</source>
        <translation>导出时序图 %1: %2</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Export ladder %1: the diagram is too tall for an image; export SVG or zoom out</source>
        <translation>导出时序图 %1: 图太高，无法生成图像；请导出 SVG 或缩小</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Export wire %1: this run has no wire (relays on loopback stand in for it)</source>
        <translation>导出线路 %1: 本次运行没有线路（由环回接口上的中继代替）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Wrote %1 wire packets to %2</source>
        <translation>已将 %1 个线路数据包写入 %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>pcapng (*.pcapng)</source>
        <translation>pcapng 文件 (*.pcapng)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>SVG (*.svg);;PNG image (*.png)</source>
        <translation>SVG (*.svg);;PNG 图像 (*.png)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Ladder written to %1</source>
        <translation>时序图已写入 %1</translation>
    </message>
</context>
<context>
    <name>socklab::ui::LabTimelineView</name>
    <message>
        <location filename="../../ui/lab/lab_timeline_view.cpp" line="+22"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location line="+214"/>
        <source>TCP over time</source>
        <translation>TCP 随时间变化</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Left/Right: previous/next TCP_INFO sample; Home/End: first/last</source>
        <translation>Left/Right：上一个/下一个 TCP_INFO 样本；Home/End：第一个/最后一个</translation>
    </message>
    <message>
        <location line="-138"/>
        <source>No TCP_INFO yet: the strips fill in while a message schedule runs.</source>
        <translation>尚无 TCP_INFO：运行消息计划时，各条带会逐步填充。</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>RTT (ms)</source>
        <translation>RTT (ms)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Congestion window (segments)</source>
        <translation>拥塞窗口（报文段）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retransmissions so far</source>
        <translation>累计重传</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>resent on the wire (from A)</source>
        <translation>线路上重发（来自 A）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>TCP_INFO total_retrans</source>
        <translation>TCP_INFO total_retrans</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>dropped by the wire</source>
        <translation>被线路丢弃</translation>
    </message>
</context>
<context>
    <name>socklab::ui::LadderView</name>
    <message>
        <location filename="../../ui/lab/ladder_view.cpp" line="+293"/>
        <source>Ladder diagram</source>
        <translation>时序图</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Socket calls at host A and host B and the packets between them in time; the packet list holds the same packets as text</source>
        <translation>主机 A 和主机 B 上的套接字调用以及两者之间按时间排列的数据包；数据包列表以文本形式列出相同的数据包</translation>
    </message>
    <message>
        <location line="-87"/>
        <source>Run the lab: its packets and socket calls appear here.</source>
        <translation>运行实验后，其数据包和套接字调用会显示在这里。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>SockLab lab: host A and host B</source>
        <translation>SockLab 实验：主机 A 与主机 B</translation>
    </message>
</context>
<context>
    <name>socklab::ui::LiveSaveDialog</name>
    <message>
        <location filename="../../ui/export/live_save_dialog.cpp" line="+30"/>
        <source>Live save problem</source>
        <translation>持续保存问题</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+1"/>
        <source>Save continuously</source>
        <translation>持续保存</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The capture is written here as it happens, a few times a second, so a crash loses at most the last moment. An existing file is never replaced: saving then goes on in the next free name (cap.1.pcapng…).</source>
        <translation>捕获内容会在产生时写入此处，每秒数次，因此即使程序崩溃，最多只丢失最后一刻的数据。已有的文件永远不会被覆盖：此时会改用下一个可用的文件名继续保存（cap.1.pcapng…）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Browse for the file</source>
        <translation>浏览选择文件</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>pcapng for Wireshark</source>
        <translation>pcapng，供 Wireshark 使用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Text log</source>
        <translation>文本日志</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>never (one file)</source>
        <translation>从不（单个文件）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Go on in a new file (cap.1.pcapng, cap.2.pcapng…) before one grows past this size, e.g. 10M or 512k (K, M, G are 1024-based). Every file opens in Wireshark on its own.</source>
        <translation>文件即将超过此大小时改写到新文件（cap.1.pcapng、cap.2.pcapng…），例如 10M 或 512k（K、M、G 按 1024 进位）。每个文件都可以单独在 Wireshark 中打开。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>all files</source>
        <translation>全部文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> files</source>
        <translation> 个文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>With a rotation size: remove the oldest files this save wrote beyond this many (a ring buffer).</source>
        <translation>设置了轮转大小时：本次保存写入的文件超过此数量后，删除最旧的文件（环形缓冲区）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>F&amp;ormat</source>
        <translation>格式(&amp;O)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New file &amp;at</source>
        <translation>轮转大小(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Keep</source>
        <translation>保留(&amp;K)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Saving starts when the socket is open and includes what the tab captured before. A write error (a full disk) stops it; the tab keeps its capture.</source>
        <translation>套接字打开后开始保存，并包含本标签页此前捕获的内容。写入出错（如磁盘已满）时保存停止；标签页中的捕获仍会保留。</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Save continuously to</source>
        <translation>持续保存到</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Choose the file to save to.</source>
        <translation>请选择要保存到的文件。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New file at: %1</source>
        <translation>新建文件于：%1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Keep: needs a size to start new files at (one file is all there is).</source>
        <translation>保留：需要先设置轮转大小（否则只有一个文件）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unix-domain traffic has no IP addresses to put in pcapng packets; choose the text log.</source>
        <translation>Unix 域流量没有可写入 pcapng 数据包的 IP 地址；请选择文本日志。</translation>
    </message>
</context>
<context>
    <name>socklab::ui::LiveSaveLink</name>
    <message>
        <location filename="../../ui/export/live_save_link.cpp" line="+100"/>
        <source>Continuous save: %1</source>
        <translation>持续保存：%1</translation>
    </message>
    <message>
        <location line="+35"/>
        <location line="+38"/>
        <source>Continuous save stopped: %1</source>
        <translation>持续保存已停止：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Finishing %1…</source>
        <translation>正在完成 %1…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Saves to %1 when the socket is open</source>
        <translation>套接字打开后保存到 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>1 file</source>
        <translation>1 个文件</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 files</source>
        <translation>%1 个文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saving to %1: %2, %3</source>
        <translation>正在保存到 %1: %2，%3</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>; %1 records dropped by the capture limit before saving</source>
        <translation>；%1 条记录在保存前已因捕获上限被丢弃</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>; %1 records without an IP address left out</source>
        <translation>；未包含 %1 条没有 IP 地址的记录</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Continuous save</source>
        <translation>持续保存</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stop sa&amp;ving</source>
        <translation>停止保存(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop saving</source>
        <translation>停止保存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Complete and close the file; the tab keeps its capture</source>
        <translation>写完并关闭文件；标签页保留其捕获</translation>
    </message>
</context>
<context>
    <name>socklab::ui::MainWindow</name>
    <message>
        <location filename="../../ui/main_window.cpp" line="+456"/>
        <source>SockLab</source>
        <translation>SockLab</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Sessions</source>
        <translation>会话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New tab (Ctrl+T)</source>
        <translation>新建标签页（Ctrl+T）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New tab</source>
        <translation>新建标签页</translation>
    </message>
    <message>
        <location line="-390"/>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Demo workspace: an echo server, a client connected to it and two UDP endpoints. Press Send in any tab.</source>
        <translation>演示工作区：一个回显服务器、一个已连接到它的客户端和两个 UDP 端点。可在任意标签页中按“发送”。</translation>
    </message>
    <message>
        <location line="+26"/>
        <location line="+30"/>
        <source>Export failed: %1</source>
        <translation>导出失败：%1</translation>
    </message>
    <message>
        <location line="+143"/>
        <source>Opened %1. No socket is open yet: press Open socket in a tab, or Session &gt; Start all tabs (%2).</source>
        <translation>已打开 %1。尚未打开任何套接字：请在标签页中点击“打开套接字”，或选择“会话 &gt; 启动所有标签页”（%2）。</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>SockLab workspace (*.socklab *.json);;All files (*)</source>
        <translation>SockLab 工作区 (*.socklab *.json);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>SockLab workspace (*.socklab *.json)</source>
        <translation>SockLab 工作区 (*.socklab *.json)</translation>
    </message>
    <message>
        <location line="+91"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="-269"/>
        <source>Imported %1</source>
        <translation>已导入 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import failed: %1</source>
        <translation>导入失败：%1</translation>
    </message>
    <message>
        <location line="+120"/>
        <location line="+41"/>
        <source>Open workspace</source>
        <translation>打开工作区</translation>
    </message>
    <message>
        <location line="+94"/>
        <source>SockLab — %1</source>
        <translation>SockLab — %1</translation>
    </message>
    <message>
        <location line="-128"/>
        <source>Opened %1</source>
        <translation>已打开 %1</translation>
    </message>
    <message>
        <location line="+19"/>
        <location line="+30"/>
        <source>Save workspace</source>
        <translation>保存工作区</translation>
    </message>
    <message>
        <location line="-25"/>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window_menus.cpp" line="+46"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;New tab</source>
        <translation>新建标签页(&amp;N)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New tab from &amp;preset</source>
        <translation>从预设新建标签页(&amp;P)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>New TCP vs UDP &amp;lab</source>
        <translation>新建 TCP 与 UDP 对比实验(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The same messages over TCP and UDP through an impaired wire between two private hosts</source>
        <translation>在两台私有主机之间，经过有损伤的线路，分别用 TCP 和 UDP 发送相同的消息</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Open workspace…</source>
        <translation>打开工作区(&amp;O)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Save workspace</source>
        <translation>保存工作区(&amp;S)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save workspace &amp;as…</source>
        <translation>工作区另存为(&amp;A)…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Open &amp;demo workspace</source>
        <translation>打开演示工作区(&amp;D)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open cap&amp;ture…</source>
        <translation>打开捕获文件(&amp;T)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>List the TCP connections and UDP exchanges of a pcap or pcapng file (tcpdump, Wireshark, SockLab) and open them read-only</source>
        <translation>列出 pcap 或 pcapng 文件（tcpdump、Wireshark、SockLab）中的 TCP 连接和 UDP 交互，并以只读方式打开</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Export capture…</source>
        <translation>导出捕获(&amp;E)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save this tab&apos;s capture as pcapng (Wireshark), a hex dump or a text log</source>
        <translation>将此标签页的捕获保存为 pcapng（Wireshark）、十六进制转储或文本日志</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cancel e&amp;xport</source>
        <translation>取消导出(&amp;X)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Save contin&amp;uously…</source>
        <translation>持续保存(&amp;U)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write this tab&apos;s capture to a pcapng or text file as it happens, rotating by size, so a long session survives a crash</source>
        <translation>将此标签页的捕获实时写入 pcapng 或文本文件，并按大小轮转，使长时间的会话在程序崩溃后得以保全</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Close tab</source>
        <translation>关闭标签页(&amp;C)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Capture memory limit and what happens beyond it</source>
        <translation>捕获内存上限以及超出上限时的处理方式</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Session</source>
        <translation>会话(&amp;S)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Open / close socket</source>
        <translation>打开/关闭套接字(&amp;O)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Start &amp;all tabs</source>
        <translation>启动所有标签页(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the socket of every tab that is not open, in tab order (a loaded workspace starts none by itself)</source>
        <translation>按标签页顺序打开所有尚未打开的标签页的套接字（加载的工作区不会自动启动任何标签页）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>C&amp;lear capture</source>
        <translation>清除捕获(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Forget this tab&apos;s records (the socket must be closed); reopening without clearing continues the capture</source>
        <translation>清除此标签页的记录（套接字须已关闭）；不清除而重新打开则会继续原有捕获</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Show &amp;code…</source>
        <translation>显示代码(&amp;C)…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Next tab</source>
        <translation>下一个标签页(&amp;N)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Previous tab</source>
        <translation>上一个标签页(&amp;P)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;About SockLab</source>
        <translation>关于 SockLab(&amp;A)</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>About SockLab</source>
        <translation>关于 SockLab</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;SockLab&lt;/b&gt; %1&lt;br&gt;A socket workbench: pick socket() arguments, see the kernel&apos;s verdict, send and watch every byte.</source>
        <translation>&lt;b&gt;SockLab&lt;/b&gt; %1&lt;br&gt;套接字工作台：选择 socket() 参数，查看内核的判定，发送并观察每一个字节。</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Replace the open tabs?</source>
        <translation>替换已打开的标签页？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The workspace replaces all %1 tabs; their sockets close and their captures (%2 messages) are discarded.</source>
        <translation>该工作区将替换全部 %1 个标签页；其中的套接字将被关闭，捕获（%2 条消息）将被丢弃。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Keep a capture with File &gt; Export capture first.</source>
        <translation>如需保留捕获，请先使用“文件 &gt; 导出捕获”。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Replace tabs</source>
        <translation>替换标签页(&amp;R)</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+9"/>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>The translation could not be loaded; SockLab stays in English.</source>
        <translation>无法加载翻译；SockLab 将继续使用英文。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Preferences saved; they apply to new captures (new tabs, and tabs after Clear capture).</source>
        <translation>首选项已保存；它们将应用于新的捕获（新标签页，以及执行“清除捕获”后的标签页）。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Open capture</source>
        <translation>打开捕获文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Captures (*.pcap *.pcapng *.cap *.dmp);;pcap (*.pcap *.cap);;pcapng (*.pcapng);;All files (*)</source>
        <translation>捕获文件 (*.pcap *.pcapng *.cap *.dmp);;pcap (*.pcap *.cap);;pcapng (*.pcapng);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Listed %1</source>
        <translation>已列出 %1</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Export capture</source>
        <translation>导出捕获</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Exporting to %1…</source>
        <translation>正在导出到 %1…</translation>
    </message>
</context>
<context>
    <name>socklab::ui::MembershipModel</name>
    <message>
        <location filename="../../ui/models/membership_model.cpp" line="+148"/>
        <source>pending</source>
        <translation>等待中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>joined</source>
        <translation>已加入</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>joined (leave failed: %1)</source>
        <translation>已加入（离开失败：%1）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>leaving</source>
        <translation>正在离开</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>default</source>
        <translation>默认</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Group</source>
        <translation>组</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Interface</source>
        <translation>网络接口</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>socklab::ui::MulticastPanel</name>
    <message>
        <location filename="../../ui/widgets/multicast_panel.cpp" line="+266"/>
        <source>Multicast group</source>
        <translation>组播组</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>239.1.2.3 or ff15::1234</source>
        <translation>239.1.2.3 或 ff15::1234</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A multicast address to join: IPv4 224.0.0.0/4 or IPv6 ff00::/8, of the socket&apos;s family, without a port</source>
        <translation>要加入的组播地址：IPv4 224.0.0.0/4 或 IPv6 ff00::/8，须与套接字的地址族一致，不带端口</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Mul&amp;ticast group</source>
        <translation>组播组(&amp;T)</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Multicast group problem</source>
        <translation>组播组有误</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Network interface</source>
        <translation>网络接口</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The interface whose traffic for the group this socket receives</source>
        <translation>本套接字在该网络接口上接收发往该组的流量</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Net&amp;work interface</source>
        <translation>网络接口(&amp;W)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Join</source>
        <translation>加入(&amp;J)</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Join group</source>
        <translation>加入组</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Join the group on the interface (IP_ADD_MEMBERSHIP / IPV6_JOIN_GROUP)</source>
        <translation>在该网络接口上加入组（IP_ADD_MEMBERSHIP / IPV6_JOIN_GROUP）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Le&amp;ave</source>
        <translation>离开(&amp;A)</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Leave group</source>
        <translation>离开组</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Leave the membership selected in the list (or forget a failed one)</source>
        <translation>离开列表中所选的成员关系（或移除失败的条目）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Multicast memberships</source>
        <translation>组播成员关系</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Memberships</source>
        <translation>成员关系</translation>
    </message>
    <message>
        <location line="-123"/>
        <location line="+125"/>
        <source>Default (the kernel chooses)</source>
        <translation>默认（由内核选择）</translation>
    </message>
    <message>
        <location line="-110"/>
        <source> (down)</source>
        <translation> (已关闭)</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>%1 on %2 is already in the list.</source>
        <translation>%2 上的 %1 已在列表中。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&quot;%1&quot; is not an IP address: give a group such as 239.1.2.3 or ff15::1234, without a port.</source>
        <translation>&quot;%1&quot; 不是 IP 地址：请给出组地址，例如 239.1.2.3 或 ff15::1234，不带端口。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 is not a multicast address (IPv4 224.0.0.0/4, IPv6 ff00::/8).</source>
        <translation>%1 不是组播地址（IPv4 224.0.0.0/4，IPv6 ff00::/8）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 is an IPv4 group; this socket is IPv6.</source>
        <translation>%1 是 IPv4 组；此套接字是 IPv6 的。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is an IPv6 group; this socket is IPv4.</source>
        <translation>%1 是 IPv6 组；此套接字是 IPv4 的。</translation>
    </message>
</context>
<context>
    <name>socklab::ui::OptionsPanel</name>
    <message>
        <location filename="../../ui/widgets/options_panel.cpp" line="+86"/>
        <location line="+109"/>
        <source>on</source>
        <translation>开</translation>
    </message>
    <message>
        <location line="-109"/>
        <location line="+3"/>
        <location line="+110"/>
        <source>off</source>
        <translation>关</translation>
    </message>
    <message>
        <location line="-110"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The kernel reports a different value than the one requested.</source>
        <translation>内核报告的值与请求的值不同。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The kernel doubled the value (room for its bookkeeping): see socket(7).</source>
        <translation>内核将该值加倍（为其内部簿记预留空间）：参见 socket(7)。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The kernel capped the value at %1, then doubled it: see socket(7).</source>
        <translation>内核将该值限制为 %1，然后将其加倍：参见 socket(7)。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The kernel raised the value to its minimum buffer size: see socket(7).</source>
        <translation>内核将该值提高到其最小缓冲区大小：参见 socket(7)。</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>Option</source>
        <translation>选项</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Requested</source>
        <translation>请求值</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Effective</source>
        <translation>生效值</translation>
    </message>
    <message>
        <location line="+8"/>
        <source> Takes effect only when set before bind/connect.</source>
        <translation> 仅在 bind/connect 之前设置时生效。</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+6"/>
        <source>%1 requested</source>
        <translation>%1 请求值</translation>
    </message>
    <message>
        <location line="-2"/>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 effective</source>
        <translation>%1 生效值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apply %1</source>
        <translation>应用 %1</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Does not apply to %1: %2</source>
        <translation>不适用于 %1: %2</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>The kernel&apos;s value; SockLab did not set this option.</source>
        <translation>内核的值；SockLab 未设置此选项。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Set as requested; the kernel reports the same value.</source>
        <translation>已按请求设置；内核报告的值与之相同。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> (asked %1)</source>
        <translation> (请求 %1)</translation>
    </message>
</context>
<context>
    <name>socklab::ui::PreferencesDialog</name>
    <message>
        <location filename="../../ui/dialogs/preferences_dialog.cpp" line="+23"/>
        <source>Spill directory problem</source>
        <translation>溢出目录有误</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+1"/>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>System language (%1)</source>
        <translation>系统语言（%1）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Language of menus, forms, explanations and messages. Applies at once; open tabs and captures stay as they are.</source>
        <translation>菜单、表单、说明和消息所使用的语言。立即生效；已打开的标签页和捕获保持不变。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> MiB</source>
        <translation> MiB</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Payload bytes each tab keeps in RAM. Counters stay exact beyond it.</source>
        <translation>每个标签页在内存中保留的载荷字节数。超出后计数器仍保持精确。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Spill oldest bytes to a temporary file</source>
        <translation>将最旧的字节溢出到临时文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drop oldest bytes (records and counts are kept)</source>
        <translation>丢弃最旧的字节（记录和计数保留）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>What a tab does with captured bytes beyond the memory limit.</source>
        <translation>标签页对超出内存上限的捕获字节的处理方式。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> GiB</source>
        <translation> GiB</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Spill file size per tab; beyond it the oldest bytes are dropped.</source>
        <translation>每个标签页的溢出文件大小；超出后丢弃最旧的字节。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>system temporary directory</source>
        <translation>系统临时目录</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Directory of the spill file. The file is unlinked at once, so it disappears when SockLab exits, even after a crash.</source>
        <translation>溢出文件所在的目录。该文件创建后立即被 unlink，因此 SockLab 退出时（即使是崩溃）它都会消失。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Browse for spill directory</source>
        <translation>浏览选择溢出目录</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Lan&amp;guage</source>
        <translation>语言(&amp;G)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Capture &amp;memory per tab</source>
        <translation>每个标签页的捕获内存(&amp;M)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>When &amp;full</source>
        <translation>已满时(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Spill file &amp;limit</source>
        <translation>溢出文件上限(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Spill &amp;directory</source>
        <translation>溢出目录(&amp;D)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Capture limits apply to new captures: new tabs, and tabs after Session &gt; Clear capture. A tab that reopens its socket continues its capture with the limits it has.</source>
        <translation>捕获上限适用于新的捕获：新标签页，以及执行“会话 &gt; 清除捕获”后的标签页。重新打开套接字的标签页会沿用原有上限继续捕获。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Spill directory</source>
        <translation>溢出目录</translation>
    </message>
</context>
<context>
    <name>socklab::ui::RecordText</name>
    <message>
        <location filename="../../ui/views/record_text.cpp" line="+31"/>
        <source>in</source>
        <translation>接收</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>out</source>
        <translation>发送</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>conn %1</source>
        <translation>连接 %1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1 bytes</source>
        <translation>%1 字节</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>(%1 on the wire)</source>
        <translation>（线路上 %1 字节）</translation>
    </message>
</context>
<context>
    <name>socklab::ui::RelayDirectionBox</name>
    <message>
        <location filename="../../ui/widgets/relay_direction_box.cpp" line="+92"/>
        <source>Client → server</source>
        <translation>客户端 → 服务器</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Server → client</source>
        <translation>服务器 → 客户端</translation>
    </message>
    <message>
        <location line="-48"/>
        <source>Received</source>
        <translation>已接收</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delivered</source>
        <translation>已送达</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dropped</source>
        <translation>已丢弃</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duplicated</source>
        <translation>已重复</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reordered</source>
        <translation>已乱序</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delayed</source>
        <translation>已延迟</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Corrupted</source>
        <translation>已损坏</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Injected</source>
        <translation>已注入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Held</source>
        <translation>已扣留</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Backpressure</source>
        <translation>背压</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Truncated</source>
        <translation>已截断</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dropped held</source>
        <translation>丢弃的扣留</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unsent</source>
        <translation>未发送</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bytes</source>
        <translation>字节</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Datagrams cut to the truncation length</source>
        <translation>被截断到截断长度的数据报</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Datagrams (streams: bytes) inside the impairment now</source>
        <translation>当前处于损伤环节中的数据报（流：字节）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Messages dropped from the hold queue</source>
        <translation>从扣留队列中丢弃的消息</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Datagrams the impairment delivered that could not be sent on (send queue full or a send error)</source>
        <translation>经过损伤环节后无法继续发送的数据报（发送队列已满或发送出错）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bytes received / bytes delivered</source>
        <translation>已接收字节 / 已送达字节</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The relay stopped reading from the source because the other side does not take the bytes fast enough</source>
        <translation>由于另一侧接收字节不够快，中继已停止从源端读取</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Hold client → server</source>
        <translation>扣留 客户端 → 服务器(&amp;H)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>H&amp;old server → client</source>
        <translation>扣留 服务器 → 客户端(&amp;O)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hold client to server</source>
        <translation>扣留客户端到服务器方向</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Hold server to client</source>
        <translation>扣留服务器到客户端方向</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New messages wait in the hold queue instead of being forwarded</source>
        <translation>新消息在扣留队列中等待，而不被转发</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Appl&amp;y → server</source>
        <translation>应用 → 服务器(&amp;Y)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Apply → c&amp;lient</source>
        <translation>应用 → 客户端(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apply client to server impairment</source>
        <translation>应用客户端到服务器的损伤设置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apply server to client impairment</source>
        <translation>应用服务器到客户端的损伤设置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change this direction&apos;s impairment now, while the relay runs</source>
        <translation>在中继运行期间立即更改此方向的损伤设置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Client to server impairment</source>
        <translation>客户端到服务器的损伤设置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Server to client impairment</source>
        <translation>服务器到客户端的损伤设置</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>not applied yet</source>
        <translation>尚未应用</translation>
    </message>
    <message>
        <location line="+109"/>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>⏸ paused</source>
        <translation>⏸ 已暂停</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location line="-62"/>
        <source>in effect: %1</source>
        <translation>生效中：%1</translation>
    </message>
    <message>
        <location line="+105"/>
        <source>applying…</source>
        <translation>正在应用…</translation>
    </message>
</context>
<context>
    <name>socklab::ui::RelayPanel</name>
    <message>
        <location filename="../../ui/widgets/relay_panel.cpp" line="+139"/>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The same seed, settings and traffic give the same fates (which datagram is lost, duplicated, delayed)</source>
        <translation>相同的种子、设置和流量会得到相同的结果（哪个数据报丢失、重复、延迟）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>S&amp;eed</source>
        <translation>种子(&amp;E)</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Relay totals</source>
        <translation>中继总计</translation>
    </message>
    <message>
        <location line="-51"/>
        <source>Seed: a number 0..18446744073709551615</source>
        <translation>种子：0..18446744073709551615 之间的数字</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Mappings: %1 open, %2 in all · upstream failures: %3 · expired: %4</source>
        <translation>映射：%1 个打开，共 %2 个 · 上游失败：%3 · 已过期：%4</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Pairs: %1 open, %2 in all · upstream failures: %3</source>
        <translation>连接对：%1 个打开，共 %2 个 · 上游失败：%3</translation>
    </message>
</context>
<context>
    <name>socklab::ui::ReplayController</name>
    <message>
        <location filename="../../ui/import/replay_controller.cpp" line="+264"/>
        <source>connected from %1</source>
        <translation>已从 %1 连接</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>listening on %1</source>
        <translation>正在 %1 上监听</translation>
    </message>
    <message numerus="yes">
        <location line="-90"/>
        <source>%1 byte(s)</source>
        <translation>
            <numerusform>%1 字节</numerusform>
        </translation>
    </message>
    <message>
        <location line="-58"/>
        <source>the socket failed</source>
        <translation>套接字出错</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>the socket closed</source>
        <translation>套接字已关闭</translation>
    </message>
    <message numerus="yes">
        <location line="+62"/>
        <source>%1 message(s)</source>
        <translation>
            <numerusform>%1 条消息</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%1 datagram(s)</source>
        <translation>
            <numerusform>%1 个数据报</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Replay failed: %1</source>
        <translation>重放失败：%1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Identical: the server answered %1 in %2, as recorded</source>
        <translation>一致：服务器应答了 %1（%2），与记录相同</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Identical: the client answered %1 in %2, as recorded</source>
        <translation>一致：客户端应答了 %1（%2），与记录相同</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Differs: the server sent %1 more than recorded</source>
        <translation>不同：服务器比记录多发送了 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Differs: the client sent %1 more than recorded</source>
        <translation>不同：客户端比记录多发送了 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Differs in datagram %1 at byte %2: recorded %3, live %4</source>
        <translation>数据报 %1 在字节 %2 处不同：记录为 %3，实际为 %4</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Differs at byte %1 of the server&apos;s stream: recorded %2, live %3</source>
        <translation>服务器字节流在字节 %1 处不同：记录为 %2，实际为 %3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Differs at byte %1 of the client&apos;s stream: recorded %2, live %3</source>
        <translation>客户端字节流在字节 %1 处不同：记录为 %2，实际为 %3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Differs: the server reset the connection (the recording has it closing with FIN)</source>
        <translation>不同：服务器重置了连接（记录中它以 FIN 关闭）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Differs: the client reset the connection (the recording has it closing with FIN)</source>
        <translation>不同：客户端重置了连接（记录中它以 FIN 关闭）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Differs: the server closed with FIN (the recording has it resetting the connection)</source>
        <translation>不同：服务器以 FIN 关闭（记录中它重置了连接）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Differs: the client closed with FIN (the recording has it resetting the connection)</source>
        <translation>不同：客户端以 FIN 关闭（记录中它重置了连接）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Differs: sent %1 of %2</source>
        <translation>不同：已发送 %1，共 %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Replay failed: %1. %2</source>
        <translation>重放失败：%1。%2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Incomplete. %1</source>
        <translation>未完成。%1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>waiting for the client</source>
        <translation>正在等待客户端</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>step %1 of %2</source>
        <translation>第 %1/%2 步</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 of %2</source>
        <translation>已收到 %1/%2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: waiting for the server (%2)</source>
        <translation>%1：正在等待服务器（%2）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: waiting for the client (%2)</source>
        <translation>%1：正在等待客户端（%2）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>every step sent: waiting for the rest of the server&apos;s answer</source>
        <translation>所有步骤已发送：正在等待服务器的其余应答</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>every step sent: waiting for the rest of the client&apos;s answer</source>
        <translation>所有步骤已发送：正在等待客户端的其余应答</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Opening…</source>
        <translation>正在打开…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
</context>
<context>
    <name>socklab::ui::ReplayDialog</name>
    <message>
        <location filename="../../ui/dialogs/replay_dialog.cpp" line="+28"/>
        <source>Replay conversation %1</source>
        <translation>重放会话流 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>SockLab plays one side of the recorded conversation against a live peer, with the recorded timing, and shows what the peer answers next to the recording.</source>
        <translation>SockLab 按记录的时序，针对一个实际运行的对端扮演所记录会话流的一侧，并将对端的应答与记录并列显示。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Client: connect to a live server</source>
        <translation>客户端：连接到实际运行的服务器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Server: wait for a live client</source>
        <translation>服务器：等待实际运行的客户端</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Play the side of</source>
        <translation>扮演的一方</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Play the side of</source>
        <translation>扮演的一方(&amp;P)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>HOST:PORT</source>
        <translation>主机:端口</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Address</source>
        <translation>地址(&amp;A)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>as recorded</source>
        <translation>按记录的时序</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>scaled by a factor</source>
        <translation>按系数缩放</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>as fast as possible</source>
        <translation>尽可能快</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Timing</source>
        <translation>时序</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Speed factor</source>
        <translation>速度系数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>2 = twice as fast (gaps halved), 0.5 = half speed</source>
        <translation>2 = 两倍速（间隔减半），0.5 = 半速</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Factor</source>
        <translation>系数(&amp;F)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Timing</source>
        <translation>时序(&amp;T)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Wait for the peer&apos;s bytes a step came after</source>
        <translation>等待记录中先于该步骤的对端字节(&amp;W)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A step recorded after the peer&apos;s bytes waits until the live peer has sent as many bytes (datagrams) as the recording had before it; off: every step goes on its recorded time alone</source>
        <translation>记录中位于对端字节之后的步骤，会等到实际对端发送的字节数（数据报数）达到记录中该步骤之前的数量；关闭时：每个步骤只按记录的时间执行</translation>
    </message>
    <message>
        <location line="+6"/>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Wait at most</source>
        <translation>最长等待</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How long the peer may stay silent past the time the recording expects its bytes; also, after the last step, how long to wait for the rest of its answer (waiting for the peer&apos;s bytes or not)</source>
        <translation>对端在记录预期其字节到达的时间之后最多可以沉默多久；此外，在最后一步之后等待其余应答的时长（无论是否等待对端字节）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Wait at &amp;most</source>
        <translation>最长等待(&amp;M)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Stop when a wait runs out (else go on)</source>
        <translation>等待超时则停止（否则继续）(&amp;S)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Replay problem</source>
        <translation>重放设置有误</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Replay</source>
        <translation>重放(&amp;R)</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Address: %1</source>
        <translation>地址：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Factor: %1</source>
        <translation>系数：%1</translation>
    </message>
</context>
<context>
    <name>socklab::ui::ReplayPanel</name>
    <message>
        <location filename="../../ui/import/replay_panel.cpp" line="+92"/>
        <location line="+1"/>
        <source>Replay (live)</source>
        <translation>重放（实时）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop rep&amp;lay</source>
        <translation>停止重放(&amp;L)</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Replay status</source>
        <translation>重放状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop replay</source>
        <translation>停止重放</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop sending and close the replay&apos;s socket; the comparison so far stays</source>
        <translation>停止发送并关闭重放所用的套接字；已有的比较结果会保留</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>SockLab as the client, to %1</source>
        <translation>SockLab 作为客户端，连接到 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SockLab as the server, on %1</source>
        <translation>SockLab 作为服务器，监听 %1</translation>
    </message>
</context>
<context>
    <name>socklab::ui::ResponderPanel</name>
    <message>
        <location filename="../../ui/widgets/responder_panel.cpp" line="+170"/>
        <source>Responder rules</source>
        <translation>自动应答规则</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Add rule…</source>
        <translation>添加规则…</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>Add rule</source>
        <translation>添加规则</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>Edit rule</source>
        <translation>编辑规则</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>Remove rule</source>
        <translation>删除规则</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>Move rule up</source>
        <translation>上移规则</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rules are tried in order; the first enabled match answers</source>
        <translation>按顺序尝试规则；由第一条匹配的已启用规则应答</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Move rule down</source>
        <translation>下移规则</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Echo</source>
        <translation>回显</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Add echo rule</source>
        <translation>添加回显规则</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Answer every message with itself (what the echo option did), and half-close when the peer does</source>
        <translation>将每条消息原样回复（即原先回显选项的作用），并在对端半关闭时也半关闭</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Half-close when the peer does (after the replies)</source>
        <translation>对端半关闭时也半关闭（在回复之后）</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Half-close with the peer</source>
        <translation>随对端半关闭</translation>
    </message>
</context>
<context>
    <name>socklab::ui::ResponderRuleDialog</name>
    <message>
        <location filename="../../ui/dialogs/responder_rule_dialog.cpp" line="+30"/>
        <source>Responder rule</source>
        <translation>自动应答规则</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>optional, shown with the hit count</source>
        <translation>可选，与命中次数一起显示</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rule name</source>
        <translation>规则名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Name</source>
        <translation>名称(&amp;N)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Enabled</source>
        <translation>启用(&amp;E)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Match</source>
        <translation>匹配</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Match</source>
        <translation>匹配(&amp;M)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pattern</source>
        <translation>模式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Pattern</source>
        <translation>模式(&amp;P)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Fields: {0} the message, {1}… captures, {seq}, {len}, {time}, {time:iso}, checksums {crc16-modbus}, {crc16-ccitt}, {crc32}, {sum8}, {xor8}, {lrc}; binary counters {seq:u16be}…; {{ and }} for braces</source>
        <translation>字段：{0} 整条消息，{1}… 捕获组，{seq}，{len}，{time}，{time:iso}，校验和 {crc16-modbus}、{crc16-ccitt}、{crc32}、{sum8}、{xor8}、{lrc}；二进制计数器 {seq:u16be}…；用 {{ 和 }} 表示花括号本身</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>empty: count the match, send nothing</source>
        <translation>留空：只计数匹配，不发送任何内容</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reply</source>
        <translation>回复</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reply notation</source>
        <translation>回复格式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>text with escapes</source>
        <translation>带转义序列的文本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>hex</source>
        <translation>十六进制</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Reply</source>
        <translation>回复(&amp;R)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reply delay</source>
        <translation>回复时延</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Delay</source>
        <translation>时延(&amp;D)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Answer only the &amp;first match</source>
        <translation>只应答第一次匹配(&amp;F)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Rule problem</source>
        <translation>规则有误</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>a message to try the rule on, with C escapes</source>
        <translation>用于试验规则的消息，可用 C 转义序列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sample message</source>
        <translation>示例消息</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Try with</source>
        <translation>试验(&amp;T)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Trial outcome</source>
        <translation>试验结果</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>contains the text</source>
        <translation>包含文本</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>starts with the text</source>
        <translation>以该文本开头</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>matches the regular expression</source>
        <translation>匹配正则表达式</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>is the hex pattern (?? = any byte, * = any bytes)</source>
        <translation>符合十六进制模式（?? = 任意一个字节，* = 任意多个字节）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>any message</source>
        <translation>任意消息</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>text with C escapes: PING, \x02, \r\n</source>
        <translation>带 C 转义序列的文本：PING、\x02、\r\n</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>PCRE2 over the bytes: ^GET (\S+) — groups are {1}…</source>
        <translation>对字节应用 PCRE2：^GET (\S+) — 分组为 {1}…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the whole message: 01 03 ?? ?? * — wildcards are {1}…</source>
        <translation>整条消息：01 03 ?? ?? * — 通配部分为 {1}…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>every message matches</source>
        <translation>所有消息都匹配</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Sample: %1</source>
        <translation>示例：%1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>No match: this rule would not answer it.</source>
        <translation>不匹配：此规则不会应答它。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Match: counted, nothing sent.</source>
        <translation>匹配：已计数，不发送任何内容。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reply (1 byte): %1</source>
        <translation>回复（1 字节）：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reply (%1 bytes): %2</source>
        <translation>回复（%1 字节）：%2</translation>
    </message>
</context>
<context>
    <name>socklab::ui::ResponderRulesModel</name>
    <message>
        <location filename="../../ui/models/responder_rules_model.cpp" line="+18"/>
        <source>any message</source>
        <translation>任意消息</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>contains</source>
        <translation>包含</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>starts with</source>
        <translation>开头为</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>regex</source>
        <translation>正则表达式</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>hex pattern</source>
        <translation>十六进制模式</translation>
    </message>
    <message>
        <location line="+108"/>
        <source>Enabled</source>
        <translation>已启用</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Disabled</source>
        <translation>已禁用</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>(no reply)</source>
        <translation>（不回复）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>hex: %1</source>
        <translation>十六进制：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>once</source>
        <translation>仅一次</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>On</source>
        <translation>启用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Match</source>
        <translation>匹配</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pattern</source>
        <translation>模式</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reply</source>
        <translation>回复</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delay</source>
        <translation>时延</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Once</source>
        <translation>仅一次</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hits</source>
        <translation>命中</translation>
    </message>
</context>
<context>
    <name>socklab::ui::SequenceController</name>
    <message>
        <location filename="../../ui/session/sequence_controller.cpp" line="+20"/>
        <source>the socket failed</source>
        <translation>套接字出错</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the socket closed</source>
        <translation>套接字已关闭</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Open the socket first: a sequence talks to its peer.</source>
        <translation>请先打开套接字：序列要与对端通信。</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>Paused &quot;%1&quot; at step %2 of %3</source>
        <translation>已暂停“%1”：第 %2 步，共 %3 步</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Running &quot;%1&quot;: step %2 of %3</source>
        <translation>正在运行“%1”：第 %2 步，共 %3 步</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Finished: %1</source>
        <translation>已完成：%1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
</context>
<context>
    <name>socklab::ui::SequenceLink</name>
    <message>
        <location filename="../../ui/widgets/sequence_link.cpp" line="+35"/>
        <source>Fix the steps first: %1</source>
        <translation>请先修正步骤：%1</translation>
    </message>
</context>
<context>
    <name>socklab::ui::SequencePanel</name>
    <message>
        <location filename="../../ui/widgets/sequence_panel.cpp" line="+242"/>
        <location line="+15"/>
        <source>Sequence</source>
        <translation>序列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>New sequence</source>
        <translation>新建序列</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>Delete sequence</source>
        <translation>删除序列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sequence name</source>
        <translation>序列名称</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>Sequence steps</source>
        <translation>序列步骤</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One step per line:
send PING {seq}\r\n
expect PONG within 1000
repeat 10 … end, wait 100, sendhex 01 03 {crc16-modbus}</source>
        <translation>每行一个步骤：
send PING {seq}\r\n
expect PONG within 1000
repeat 10 … end、wait 100、sendhex 01 03 {crc16-modbus}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sequence problem</source>
        <translation>序列有误</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sequence name problem</source>
        <translation>序列名称问题</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Run sequence</source>
        <translation>运行序列</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+20"/>
        <source>Pause sequence</source>
        <translation>暂停序列</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Stop sequence</source>
        <translation>停止序列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sequence progress</source>
        <translation>序列进度</translation>
    </message>
    <message>
        <location line="-159"/>
        <location line="+118"/>
        <location line="+53"/>
        <source>(unnamed)</source>
        <translation>（未命名）</translation>
    </message>
    <message>
        <location line="-156"/>
        <source>sequence %1</source>
        <translation>序列 %1</translation>
    </message>
    <message>
        <location line="+121"/>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resume sequence</source>
        <translation>继续序列</translation>
    </message>
</context>
<context>
    <name>socklab::ui::SessionStatus</name>
    <message>
        <location filename="../../ui/widgets/session_status.cpp" line="+83"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Counters</source>
        <translation>计数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rates</source>
        <translation>速率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TCP info</source>
        <translation>TCP 信息</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kernel drops</source>
        <translation>内核丢包</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Capture</source>
        <translation>捕获</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Datagrams the kernel discarded because this socket&apos;s receive queue was full (SO_RXQ_OVFL). The sender&apos;s count minus this is what arrived. A larger SO_RCVBUF helps.</source>
        <translation>因本套接字的接收队列已满而被内核丢弃的数据报（SO_RXQ_OVFL）。发送方的计数减去此数即为实际到达的数量。增大 SO_RCVBUF 会有帮助。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Payload this tab keeps in memory, moved to the spill file and dropped by the capture limit (Edit &gt; Preferences). Counters stay exact either way.</source>
        <translation>本标签页保存在内存中、移入溢出文件以及因捕获上限而丢弃的载荷（编辑 &gt; 首选项）。无论哪种情况，计数都保持精确。</translation>
    </message>
    <message>
        <location line="-25"/>
        <location line="+171"/>
        <source>Not open</source>
        <translation>未打开</translation>
    </message>
    <message>
        <location line="-155"/>
        <source>Send backpressure</source>
        <translation>发送背压</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bytes waiting to be sent because the peer does not read (its receive window is closed). When the send queue is full, further sends are refused; Close and Reset still work at once (Reset discards the queue).</source>
        <translation>因对端未读取（其接收窗口已关闭）而等待发送的字节数。发送队列已满时，后续发送将被拒绝；“关闭”和“重置”仍会立即生效（“重置”会丢弃队列）。</translation>
    </message>
    <message>
        <location line="+33"/>
        <source> · local %1</source>
        <translation> · 本地 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> · peer %1</source>
        <translation> · 对端 %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>In %1 / %2 msg · Out %3 / %4 msg</source>
        <translation>接收 %1 / %2 条消息 · 发送 %3 / %4 条消息</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>↓ %1/s ↑ %2/s</source>
        <translation>↓ %1/s ↑ %2/s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>↓ 0 B/s ↑ 0 B/s</source>
        <translation>↓ 0 B/s ↑ 0 B/s</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>rtt %1 ms (±%2) · cwnd %3 · retrans %4 (total %5) · unacked %6</source>
        <translation>rtt %1 ms（±%2） · cwnd %3 · 重传 %4（累计 %5） · 未确认 %6</translation>
    </message>
    <message numerus="yes">
        <location line="+25"/>
        <source>kernel dropped %1 datagram(s)</source>
        <translation>
            <numerusform>内核丢弃了 %1 个数据报</numerusform>
        </translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Backpressure: %1</source>
        <translation>背压：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Backpressure on connection %1: %2</source>
        <translation>连接 %1 上的背压：%2</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source> (and %n more connection(s))</source>
        <translation>
            <numerusform> (另有 %n 个连接)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+18"/>
        <source>capture %1 in memory</source>
        <translation>捕获：内存中 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>, %1 on disk</source>
        <translation>，磁盘上 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>, %1 dropped by the limit</source>
        <translation>，因上限丢弃 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>, %1 oldest records dropped</source>
        <translation>，丢弃了最早的 %1 条记录</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>spill failed, dropping instead: %1</source>
        <translation>写入溢出文件失败，改为丢弃：%1</translation>
    </message>
</context>
<context>
    <name>socklab::ui::SessionTab</name>
    <message>
        <location filename="../../ui/widgets/session_tab_text.cpp" line="+43"/>
        <source>&amp;Open socket</source>
        <translation>打开套接字(&amp;O)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open socket</source>
        <translation>打开套接字</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>Rese&amp;t (RST)</source>
        <translation>重置(&amp;T) (RST)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset (RST)</source>
        <translation>重置 (RST)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Abortive close: SO_LINGER 0, the peer sees a reset</source>
        <translation>强制关闭：SO_LINGER 0，对端会收到重置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show &amp;code…</source>
        <translation>显示代码(&amp;C)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show code</source>
        <translation>显示代码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Responders</source>
        <translation>自动应答</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sequences</source>
        <translation>序列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Composer</source>
        <translation>编辑发送区</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Multicast</source>
        <translation>组播</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hold queue</source>
        <translation>扣留队列</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/session_tab.cpp" line="+266"/>
        <source>exporting: %1% of %2 records</source>
        <translation>正在导出：%2 条记录，已完成 %1%</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/session_tab_relay.cpp" line="+32"/>
        <source>impairment: the relay is not open</source>
        <translation>损伤：中继未打开</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>hold queue: the relay is not open</source>
        <translation>扣留队列：中继未打开</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/session_tab.cpp" line="+80"/>
        <source>Cannot open the socket: %1</source>
        <translation>无法打开套接字：%1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot open the relay: %1</source>
        <translation>无法打开中继：%1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cannot open the socket: responders: %1</source>
        <translation>无法打开套接字：自动应答：%1</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>The socket failed</source>
        <translation>套接字出错</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>ping seq %1: timed out</source>
        <translation>ping 序号 %1：超时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ping seq %1 from %2: %3 ms</source>
        <translation>ping 序号 %1，来自 %2：%3 ms</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>inject: the relay is not open</source>
        <translation>注入：中继未打开</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>send: the socket is not open</source>
        <translation>发送：套接字未打开</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/session_tab_text.cpp" line="+18"/>
        <source>Cl&amp;ose socket</source>
        <translation>关闭套接字(&amp;O)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close socket</source>
        <translation>关闭套接字</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>in lab host A</source>
        <translation>位于实验主机 A</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>in lab host B</source>
        <translation>位于实验主机 B</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not open</source>
        <translation>未打开</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/session_tab_capture.cpp" line="+102"/>
        <source>Start a new capture?</source>
        <translation>开始新的捕获？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This is a different kind of socket than the one captured so far, so it starts a new capture. The current capture (%1 messages) will be discarded.</source>
        <translation>此套接字与目前所捕获的套接字种类不同，因此会开始新的捕获。当前捕获（%1 条消息）将被丢弃。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Keep it with File &gt; Export capture first, or open the new socket in a new tab.</source>
        <translation>请先用“文件 &gt; 导出捕获”保存它，或在新标签页中打开新套接字。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Discard and open</source>
        <translation>丢弃并打开(&amp;D)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>clear capture: close the socket first (its capture is still growing)</source>
        <translation>清除捕获：请先关闭套接字（其捕获仍在增长）</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>export %1: nothing captured yet (open the socket first)</source>
        <translation>导出 %1: 尚未捕获任何内容（请先打开套接字）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>export %1: the previous export of this tab is still running</source>
        <translation>导出 %1: 此标签页的上一次导出仍在进行</translation>
    </message>
</context>
<context>
    <name>socklab::ui::ShowCodeDialog</name>
    <message>
        <location filename="../../ui/dialogs/show_code_dialog.cpp" line="+59"/>
        <source>Equivalent code</source>
        <translation>等效代码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Python code</source>
        <translation>Python 代码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C code</source>
        <translation>C 代码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Python</source>
        <translation>Python(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;C</source>
        <translation>C(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;opy</source>
        <translation>复制(&amp;O)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
</context>
<context>
    <name>socklab::ui::SocketForm</name>
    <message>
        <location filename="../../ui/widgets/socket_form_text.cpp" line="+24"/>
        <source>Family</source>
        <translation>地址族</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Protocol</source>
        <translation>协议</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fa&amp;mily</source>
        <translation>地址族(&amp;M)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>T&amp;ype</source>
        <translation>类型(&amp;Y)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Protocol</source>
        <translation>协议(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Kernel verdict</source>
        <translation>内核判定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connect (client)</source>
        <translation>连接（客户端）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Listen (server)</source>
        <translation>监听（服务器）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bind only (datagram endpoint)</source>
        <translation>仅绑定（数据报端点）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Relay (listen, forward to upstream)</source>
        <translation>中继（监听并转发到上游）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ro&amp;le</source>
        <translation>角色(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Make the socket on this machine, or inside host A or B of a TCP vs UDP lab (File &gt; New TCP vs UDP lab), where its packets cross the lab&apos;s impaired wire.</source>
        <translation>在本机上创建套接字，或在 TCP 与 UDP 对比实验（文件 &gt; 新建 TCP 与 UDP 对比实验）的主机 A 或 B 中创建，这样它的数据包会经过实验中带损伤的线路。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Networ&amp;k</source>
        <translation>网络(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/socket_form_network.cpp" line="+34"/>
        <location filename="../../ui/widgets/socket_form_text.cpp" line="+1"/>
        <source>This machine</source>
        <translation>本机</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/socket_form.cpp" line="+350"/>
        <source>Remote address</source>
        <translation>远端地址</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>server host:port, e.g. 127.0.0.1:8080 or example.com:80</source>
        <translation>服务器的主机:端口，例如 127.0.0.1:8080 或 example.com:80</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Where connect() goes. Nothing listens on a fresh machine, so there is no default: start a server first (a TCP server tab, or python3 -m http.server 8080) and type its address.</source>
        <translation>connect() 连接的目标。新机器上没有任何程序在监听，因此没有默认值：请先启动一个服务器（一个 TCP 服务器标签页，或 python3 -m http.server 8080），再输入它的地址。</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>&amp;Remote address</source>
        <translation>远端地址(&amp;R)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Local address</source>
        <translation>本地地址</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/socket_form_text.cpp" line="+1"/>
        <source>bind address, e.g. 127.0.0.1:0 (empty: no bind)</source>
        <translation>绑定地址，例如 127.0.0.1:0（留空：不绑定）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The address bind() takes. Port 0: the kernel picks a free port (shown once the socket is open); 0.0.0.0 or [::]: every interface.</source>
        <translation>bind() 使用的地址。端口 0：由内核选择一个空闲端口（套接字打开后显示）；0.0.0.0 或 [::]：所有网络接口。</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/socket_form.cpp" line="-1"/>
        <source>Local a&amp;ddress</source>
        <translation>本地地址(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/socket_form_text.cpp" line="+2"/>
        <source>Interface</source>
        <translation>网络接口</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Interface</source>
        <translation>网络接口(&amp;I)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unix path</source>
        <translation>Unix 路径</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unix path problem</source>
        <translation>Unix 路径问题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>/tmp/name.sock, or @name for an abstract name</source>
        <translation>/tmp/name.sock，或用 @name 表示抽象名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Socket options</source>
        <translation>套接字选项</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>✔ %1: socket(%2) works on this machine.</source>
        <translation>✔ %1：socket(%2) 在本机上可用。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>✘ Refused: %1 (%2).</source>
        <translation>✘ 被拒绝：%1（%2）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>
To make it work: %1</source>
        <translation>
解决办法：%1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/socket_form.cpp" line="-14"/>
        <source>&amp;Upstream address</source>
        <translation>上游地址(&amp;U)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Upstream address</source>
        <translation>上游地址</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Upstream address problem</source>
        <translation>上游地址问题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remote address problem</source>
        <translation>远端地址问题</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the server&apos;s path, e.g. /tmp/server.sock or @name</source>
        <translation>服务器的路径，例如 /tmp/server.sock 或 @name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the server&apos;s host:port, e.g. 127.0.0.1:8080</source>
        <translation>服务器的主机:端口，例如 127.0.0.1:8080</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every client of the relay gets its own connection (stream) or socket (datagram) to this address.</source>
        <translation>中继的每个客户端都会获得一条通往此地址的独立连接（流）或独立套接字（数据报）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Listen a&amp;ddress</source>
        <translation>监听地址(&amp;D)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Listen address</source>
        <translation>监听地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Listen address problem</source>
        <translation>监听地址问题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Local address problem</source>
        <translation>本地地址问题</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>That lab&apos;s network is gone (the lab ran again, stopped or closed): a socket made there is cut off. Choose a network.</source>
        <translation>该实验的网络已不存在（实验已重新运行、停止或关闭）：在其中创建的套接字已被切断。请选择一个网络。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The socket is made inside lab host %1: its addresses there are %2 and %3, and 127.0.0.1 is that host&apos;s own loopback.</source>
        <translation>套接字在实验主机 %1 内创建：它在那里的地址是 %2 和 %3，127.0.0.1 是该主机自己的环回地址。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Uni&amp;x path (connect to)</source>
        <translation>要连接的 Unix 路径(&amp;X)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Uni&amp;x path (listen on)</source>
        <translation>要监听的 Unix 路径(&amp;X)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Uni&amp;x path (bind to)</source>
        <translation>要绑定的 Unix 路径(&amp;X)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Required</source>
        <translation>必填</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Add a port: %1:PORT</source>
        <translation>请添加端口：%1:端口</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Host name: resolved when the socket opens</source>
        <translation>主机名：将在打开套接字时解析</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The kernel refuses this socket() combination</source>
        <translation>内核拒绝此 socket() 参数组合</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>listen() needs a connection-based type (SOCK_STREAM or SOCK_SEQPACKET)</source>
        <translation>listen() 需要面向连接的类型（SOCK_STREAM 或 SOCK_SEQPACKET）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A relay forwards SOCK_STREAM or SOCK_DGRAM sockets (not ICMP)</source>
        <translation>中继只转发 SOCK_STREAM 或 SOCK_DGRAM 套接字（不含 ICMP）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The chosen lab network is gone: choose another network</source>
        <translation>所选的实验网络已不存在：请选择其他网络</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A relay runs on this machine: put its client or server in the lab instead</source>
        <translation>中继运行在本机上：请改为将其客户端或服务器放在实验中</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Unix path: %1</source>
        <translation>Unix 路径：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Socket file mode: %1</source>
        <translation>套接字文件权限：%1</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+16"/>
        <source>Upstream address: %1</source>
        <translation>上游地址：%1</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Listen address: %1</source>
        <translation>监听地址：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remote address: %1</source>
        <translation>远端地址：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Local address: %1</source>
        <translation>本地地址：%1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Send queue limit: %1</source>
        <translation>发送队列上限：%1</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>No bind: the kernel picks the address</source>
        <translation>不绑定：由内核选择地址</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 (as typed)</source>
        <translation>%1（按输入）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Any address (::)</source>
        <translation>任意地址（::）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Any address (0.0.0.0)</source>
        <translation>任意地址（0.0.0.0）</translation>
    </message>
    <message>
        <location line="+13"/>
        <source> (down)</source>
        <translation> (未启用)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/socket_form_network.cpp" line="+3"/>
        <source>%1, host A (192.0.2.1, 2001:db8::1)</source>
        <translation>%1，主机 A（192.0.2.1, 2001:db8::1）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1, host B (192.0.2.2, 2001:db8::2)</source>
        <translation>%1，主机 B（192.0.2.2, 2001:db8::2）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Lab network gone (was host %1)</source>
        <translation>实验网络已不存在（原为主机 %1）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/socket_form_unix.cpp" line="+42"/>
        <source>Socket file &amp;mode</source>
        <translation>套接字文件权限(&amp;M)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Socket file mode</source>
        <translation>套接字文件权限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Socket file mode problem</source>
        <translation>套接字文件权限问题</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Permissions of the socket file bind() creates, in octal. 0600 (the default): only you can connect. 0660: your group too. 0666: every user of this machine. Connecting needs write permission.</source>
        <translation>bind() 所创建的套接字文件的权限，以八进制表示。0600（默认）：只有你可以连接。0660：同组用户也可以。0666：本机的所有用户。连接需要写权限。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Other users can reach this socket: %1 lets them in.</source>
        <translation>其他用户可以访问此套接字：权限 %1 允许他们连接。</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/socket_form_queue.cpp" line="+23"/>
        <source>Send &amp;queue limit</source>
        <translation>发送队列上限(&amp;Q)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send queue limit</source>
        <translation>发送队列上限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send queue limit problem</source>
        <translation>发送队列上限问题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>4M (default)</source>
        <translation>4M（默认）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How much one connection may hold that the kernel has not taken yet (the peer reads slower than you send): 64k to 1G, e.g. 64k, 512k, 16M. A send beyond it is refused as &quot;send queue full&quot; and the tab shows backpressure. Empty: 4M.</source>
        <translation>一个连接最多可以保留多少内核尚未取走的数据（对端读取慢于你的发送时）：64k 到 1G，例如 64k、512k、16M。超出的发送会以“发送队列已满”被拒绝，标签页会显示背压。留空：4M。</translation>
    </message>
</context>
<context>
    <name>socklab::ui::SocketSummary</name>
    <message>
        <location filename="../../ui/widgets/socket_summary.cpp" line="+105"/>
        <source>Socket summary</source>
        <translation>套接字摘要</translation>
    </message>
    <message>
        <location line="-48"/>
        <source>-&gt; %1</source>
        <translation>-&gt; %1</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Hide socket form</source>
        <translation>隐藏套接字表单</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+1"/>
        <source>Show socket form</source>
        <translation>显示套接字表单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Collapse the socket form to this line</source>
        <translation>将套接字表单折叠为这一行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the socket form (read-only while the socket is open)</source>
        <translation>显示套接字表单（套接字打开期间只读）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Exposure warning</source>
        <translation>暴露警告</translation>
    </message>
</context>
<context>
    <name>socklab::ui::TextView</name>
    <message>
        <location filename="../../ui/views/text_view.cpp" line="+36"/>
        <location line="+16"/>
        <source>Text view</source>
        <translation>文本视图</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>(bytes evicted by the memory cap)</source>
        <translation>（字节已因内存上限被清除）</translation>
    </message>
</context>
<context>
    <name>socklab::ui::TrafficModel</name>
    <message>
        <location filename="../../ui/models/traffic_model.cpp" line="+202"/>
        <source>(evicted)</source>
        <translation>（已清除）</translation>
    </message>
    <message>
        <location line="+96"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connection / peer</source>
        <translation>连接/对端</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Length</source>
        <translation>长度</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Flags</source>
        <translation>标志</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
</context>
<context>
    <name>socklab::ui::TrafficPane</name>
    <message>
        <location filename="../../ui/views/traffic_pane_text.cpp" line="+47"/>
        <location line="+1"/>
        <location line="+2"/>
        <source>Copy as</source>
        <translation>复制为</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>Local address</source>
        <translation>本地地址</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+1"/>
        <source>Filter</source>
        <translation>过滤</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show only some records, or messages instead of reads (Ctrl+Shift+F); off: every record as captured</source>
        <translation>只显示部分记录，或显示消息而非每次读取（Ctrl+Shift+F）；关闭：按捕获原样显示所有记录</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+1"/>
        <source>Follow tail</source>
        <translation>跟随最新</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep the newest traffic in view (End)</source>
        <translation>让最新的流量保持在视图中（End）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hex and text</source>
        <translation>十六进制和文本</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Hex only</source>
        <translation>仅十六进制</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Text only</source>
        <translation>仅文本</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Layout</source>
        <translation>布局</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Layo&amp;ut</source>
        <translation>布局(&amp;U)</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Layout of the byte views</source>
        <translation>字节视图的布局</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+3"/>
        <source>Encoding</source>
        <translation>编码</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>How this tab reads bytes as text (text view, log, copy as text, find) and encodes the composer&apos;s text</source>
        <translation>本标签页如何将字节解读为文本（文本视图、日志、复制为文本、查找），以及如何对编辑发送区中的文本进行编码</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Copy the selected bytes (Ctrl+Shift+C)</source>
        <translation>复制选中的字节（Ctrl+Shift+C）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Capture status</source>
        <translation>捕获状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+F: find; F6 / Shift+F6: next / previous of find field, log, hex view and text view</source>
        <translation>Ctrl+F：查找；F6 / Shift+F6：在查找框、日志、十六进制视图和文本视图之间切换到下一个/上一个</translation>
    </message>
    <message>
        <location filename="../../ui/views/traffic_pane.cpp" line="+340"/>
        <source>Local %1</source>
        <translation>本地 %1</translation>
    </message>
    <message>
        <location line="+119"/>
        <source>Still searching…</source>
        <translation>仍在搜索…</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Not found after the selection</source>
        <translation>选中内容之后未找到</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Not found before the selection</source>
        <translation>选中内容之前未找到</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (the filter has not read the whole capture yet)</source>
        <translation> (过滤尚未处理完整个捕获)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Found at offset %1 (record #%2)</source>
        <translation>在偏移 %1 处找到（记录 #%2）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Found at offset %1</source>
        <translation>在偏移 %1 处找到</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Nothing selected to copy</source>
        <translation>没有选中要复制的内容</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The selected bytes were evicted by the memory cap</source>
        <translation>选中的字节已因内存上限被清除</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Copied %1 bytes as %2</source>
        <translation>已将 %1 字节复制为 %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No capture</source>
        <translation>无捕获</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 records · in %2 bytes / %3 msgs · out %4 bytes / %5 msgs</source>
        <translation>%1 条记录 · 接收 %2 字节 / %3 条消息 · 发送 %4 字节 / %5 条消息</translation>
    </message>
    <message>
        <location line="+12"/>
        <source> · filtered from %1 records</source>
        <translation> · 从 %1 条记录中过滤</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> · filtering… %1%</source>
        <translation> · 正在过滤… %1%</translation>
    </message>
    <message>
        <location line="+5"/>
        <source> · evicted %1 bytes, %2 records</source>
        <translation> · 已清除 %1 字节、%2 条记录</translation>
    </message>
    <message>
        <location line="+5"/>
        <source> · selected %1 bytes at offset %2</source>
        <translation> · 已选中偏移 %2 处的 %1 字节</translation>
    </message>
</context>
<context>
    <name>socklab::ui::WirePacketModel</name>
    <message>
        <location filename="../../ui/lab/wire_packet_model.cpp" line="+97"/>
        <source>dropped</source>
        <translation>丢弃</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>duplicated</source>
        <translation>重复</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>corrupted</source>
        <translation>损坏</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>reordered</source>
        <translation>乱序</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>truncated</source>
        <translation>截断</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>held %1 ms</source>
        <translation>时延 %1 ms</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>in flight</source>
        <translation>在途</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>A → B</source>
        <translation>A → B</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>B → A</source>
        <translation>B → A</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Time (ms)</source>
        <translation>时间 (ms)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Packet</source>
        <translation>数据包</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fate on the wire</source>
        <translation>线路上的结果</translation>
    </message>
</context>
</TS>
