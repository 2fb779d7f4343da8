<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>BrowseScreen</name>
    <message>
        <location filename="../../ui/screens/browse.py" line="153"/>
        <location filename="../../ui/screens/browse.py" line="187"/>
        <source>正在加载…</source>
        <translation>Loading…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/screens/browse.py" line="166"/>
        <source>共 %n 个事项，点击查看办事指南</source>
        <translation>
            <numerusform>%n item, tap it to read the guide</numerusform>
            <numerusform>%n items, tap one to read its guide</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/screens/browse.py" line="171"/>
        <source>暂时无法加载，请稍后再试。</source>
        <translation>Cannot load right now, please try again later.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/browse.py" line="205"/>
        <source>请在左侧选择一类，右侧显示其中的事项</source>
        <translation>Choose a group on the left; its items are listed on the right</translation>
    </message>
    <message>
        <location filename="../../ui/screens/browse.py" line="207"/>
        <source>本类暂无内容</source>
        <translation>Nothing in this group yet</translation>
    </message>
    <message>
        <location filename="../../ui/screens/browse.py" line="211"/>
        <source>分类浏览</source>
        <translation>Browse</translation>
    </message>
    <message>
        <location filename="../../ui/screens/browse.py" line="220"/>
        <source>一件事联办：我要办理</source>
        <translation>Apply for all of these at once</translation>
    </message>
    <message>
        <location filename="../../ui/screens/browse.py" line="213"/>
        <source>按部门</source>
        <translation>By department</translation>
    </message>
    <message>
        <location filename="../../ui/screens/browse.py" line="214"/>
        <source>一件事</source>
        <translation>One-stop bundles</translation>
    </message>
    <message>
        <location filename="../../ui/screens/browse.py" line="215"/>
        <source>人生事件</source>
        <translation>Life events</translation>
    </message>
    <message>
        <location filename="../../ui/screens/browse.py" line="216"/>
        <source>企业办事</source>
        <translation>For businesses</translation>
    </message>
</context>
<context>
    <name>CardBanner</name>
    <message>
        <location filename="../../ui/kiosk_services.py" line="89"/>
        <source>我要办理</source>
        <translation>Apply</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_services.py" line="93"/>
        <source>身份证</source>
        <translation>ID card</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_services.py" line="94"/>
        <source>居住证</source>
        <translation>residence permit</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_services.py" line="95"/>
        <location filename="../../ui/kiosk_services.py" line="96"/>
        <source>永久居留身份证</source>
        <translation>permanent residence ID card</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_services.py" line="97"/>
        <source>社会保障卡</source>
        <translation>social security card</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_services.py" line="100"/>
        <source>证件</source>
        <translation>card</translation>
    </message>
    <message>
        <location filename="../../ui/kiosk_services.py" line="101"/>
        <source>已读取%1：%2 — 选择要办理的事项</source>
        <translation>%1 read: %2 — choose a service to apply for</translation>
    </message>
</context>
<context>
    <name>GuideScreen</name>
    <message>
        <location filename="../../ui/screens/guide.py" line="98"/>
        <source>正在加载办事指南…</source>
        <translation>Loading the guide…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="164"/>
        <source>暂时无法显示该事项，请稍后再试或到窗口咨询。</source>
        <translation>This item cannot be shown right now. Please try again later or ask at a service window.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="186"/>
        <source>：</source>
        <translation>: </translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="214"/>
        <source>支持</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="214"/>
        <source>不支持</source>
        <translation>No</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="220"/>
        <source>基本编码</source>
        <translation>Item code</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="221"/>
        <source>事项类型</source>
        <translation>Item type</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="223"/>
        <source>主管部门</source>
        <translation>Competent department</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="226"/>
        <source>服务对象</source>
        <translation>For</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="227"/>
        <source>行使层级</source>
        <translation>Handled at</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="232"/>
        <source>本事项为演示数据，仅供体验，不作为办事依据。</source>
        <translation>Demo data for trying out the terminal; not an official guide.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="233"/>
        <source>演示数据</source>
        <translation>DEMO DATA</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="238"/>
        <source>一次告知 · 请带齐以下材料</source>
        <translation>Checklist · please bring all of these</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/screens/guide.py" line="239"/>
        <source>共 %n 项材料，</source>
        <translation>
            <numerusform>%n document, </numerusform>
            <numerusform>%n documents, </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/screens/guide.py" line="239"/>
        <source>其中必需 %n 项。</source>
        <translation>
            <numerusform>%n of them required. </numerusform>
            <numerusform>%n of them required. </numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="241"/>
        <source>本事项支持容缺受理：非关键材料可先受理、后补交。</source>
        <translation>Applications are accepted with non-essential documents missing; bring them later.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="247"/>
        <source>受理条件</source>
        <translation>Who can apply</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/screens/guide.py" line="251"/>
        <location filename="../../ui/screens/guide.py" line="300"/>
        <source>%n 个工作日</source>
        <translation>
            <numerusform>%n working day</numerusform>
            <numerusform>%n working days</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="251"/>
        <location filename="../../ui/screens/guide.py" line="303"/>
        <location filename="../../ui/screens/guide.py" line="344"/>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="253"/>
        <source>无需到现场（零跑动）</source>
        <translation>No visit needed</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/screens/guide.py" line="253"/>
        <source>最多跑 %n 次</source>
        <translation>
            <numerusform>At most %n visit</numerusform>
            <numerusform>At most %n visits</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="255"/>
        <source>办理时限与到现场次数</source>
        <translation>Time limits and visits</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="258"/>
        <source>法定办结时限</source>
        <translation>Statutory time limit</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="259"/>
        <source>承诺办结时限</source>
        <translation>Promised time limit</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="261"/>
        <source>办件类型</source>
        <translation>Case type</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="262"/>
        <source>即办件</source>
        <translation>Done on the spot</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="262"/>
        <source>承诺件</source>
        <translation>Done within the promised time</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="266"/>
        <source>到办事现场次数</source>
        <translation>Visits in person</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="273"/>
        <location filename="../../ui/screens/guide.py" line="276"/>
        <source>收费</source>
        <translation>Fees</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="276"/>
        <source>是否收费</source>
        <translation>Charged</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="276"/>
        <source>不收费</source>
        <translation>Free of charge</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="277"/>
        <source>收费标准</source>
        <translation>Fee</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="278"/>
        <source>收费依据</source>
        <translation>Legal basis of the fee</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="285"/>
        <source>办理方式</source>
        <translation>Ways to apply</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="288"/>
        <source>网上办理</source>
        <translation>Online</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="289"/>
        <source>物流快递</source>
        <translation>By post</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="290"/>
        <source>预约办理</source>
        <translation>By appointment</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="291"/>
        <source>自助终端</source>
        <translation>At a self-service kiosk</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="292"/>
        <source>容缺受理</source>
        <translation>Missing documents tolerated</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="303"/>
        <source>办理流程</source>
        <translation>Process</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="307"/>
        <source>办理结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="308"/>
        <source>结果名称</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="308"/>
        <source>结果类型</source>
        <translation>Result type</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="317"/>
        <source>子项与业务办理项</source>
        <translation>Sub-items and cases</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="327"/>
        <source>统一社会信用代码</source>
        <translation>Unified social credit code</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="328"/>
        <source>实施编码</source>
        <translation>Implementation code</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="329"/>
        <source>办理地点</source>
        <translation>Where</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="330"/>
        <source>办理时间</source>
        <translation>Opening hours</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="331"/>
        <source>咨询电话</source>
        <translation>Enquiries</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="332"/>
        <source>监督投诉电话</source>
        <translation>Complaints</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="337"/>
        <source>实施主体与办理地点</source>
        <translation>Who handles it, and where</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="338"/>
        <source>本终端所在地区暂无实施主体，请到窗口咨询。</source>
        <translation>No office handles this item in this area; please ask at a service window.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="343"/>
        <source>设定依据</source>
        <translation>Legal basis</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="349"/>
        <source>所属主题</source>
        <translation>Themes</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="349"/>
        <source>常用说法</source>
        <translation>Also known as</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="352"/>
        <source>相关主题与常用说法</source>
        <translation>Themes and other names</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/screens/guide.py" line="359"/>
        <source>第 %1 版，共 %n 项内容</source>
        <translation>
            <numerusform>Version %1, %n field</numerusform>
            <numerusform>Version %1, %n fields</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="360"/>
        <source>申请表</source>
        <translation>Application form</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="364"/>
        <source>必需</source>
        <translation>required</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="364"/>
        <source>非必需</source>
        <translation>optional</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/screens/guide.py" line="366"/>
        <source>%n 份</source>
        <translation>
            <numerusform>%n copy</numerusform>
            <numerusform>%n copies</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="371"/>
        <source>来源</source>
        <translation>Where to get it</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="372"/>
        <source>要求</source>
        <translation>Requirements</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="373"/>
        <source>空白表格</source>
        <translation>Blank form</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="374"/>
        <source>示例样表</source>
        <translation>Sample</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="375"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../../ui/screens/home.py" line="45"/>
        <source>欢迎使用政务服务自助终端</source>
        <translation>Welcome to the government services kiosk</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="46"/>
        <source>请点击下方按钮选择服务。查看办事指南无需登录。</source>
        <translation>Tap a button below to choose a service. Reading guides needs no log-in.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="48"/>
        <source>办事指南
查找事项</source>
        <translation>Service guides
Find an item</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="49"/>
        <source>分类浏览
部门 · 主题</source>
        <translation>Browse
Departments · themes</translation>
    </message>
    <message>
        <location filename="../../ui/screens/guide.py" line="130"/>
        <location filename="../../ui/screens/home.py" line="50"/>
        <source>我要办理</source>
        <translation>Apply</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="51"/>
        <source>进度查询</source>
        <translation>Check progress</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="52"/>
        <source>评价</source>
        <translation>Rate our service</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="53"/>
        <source>咨询投诉</source>
        <translation>Enquiries and complaints</translation>
    </message>
</context>
<context>
    <name>IdleOverlay</name>
    <message>
        <location filename="../../ui/shell.py" line="95"/>
        <source>您还在使用吗？
倒计时结束后将清除本页信息并返回首页</source>
        <translation>Are you still there?
When the countdown ends, this page is cleared and the kiosk returns home</translation>
    </message>
    <message>
        <location filename="../../ui/shell.py" line="96"/>
        <source>继续使用</source>
        <translation>Continue</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <location filename="../../ui/shell.py" line="616"/>
        <source>云办 · 政务服务自助终端</source>
        <translation>Yunban · Government services kiosk</translation>
    </message>
    <message>
        <location filename="../../ui/shell.py" line="617"/>
        <source>首页</source>
        <translation>Home</translation>
    </message>
    <message>
        <location filename="../../ui/shell.py" line="618"/>
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../ui/shell.py" line="619"/>
        <source>演示数据</source>
        <translation>DEMO DATA</translation>
    </message>
    <message>
        <location filename="../../ui/shell.py" line="622"/>
        <source>标准字体</source>
        <translation>Normal text</translation>
    </message>
    <message>
        <location filename="../../ui/shell.py" line="622"/>
        <source>大字模式</source>
        <translation>Large text</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../ui/screens/labels.py" line="10"/>
        <source>省级</source>
        <translation>Province</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="11"/>
        <source>市级</source>
        <translation>Prefecture</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="12"/>
        <source>县级</source>
        <translation>County</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="13"/>
        <source>乡级</source>
        <translation>Township</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="14"/>
        <source>村级</source>
        <translation>Village</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="17"/>
        <source>行政许可</source>
        <translation>Administrative licence</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="18"/>
        <source>行政确认</source>
        <translation>Administrative confirmation</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="19"/>
        <source>行政给付</source>
        <translation>Administrative benefit</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="20"/>
        <source>行政奖励</source>
        <translation>Administrative award</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="21"/>
        <source>行政裁决</source>
        <translation>Administrative ruling</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="22"/>
        <source>行政征收</source>
        <translation>Administrative levy</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="23"/>
        <source>行政检查</source>
        <translation>Administrative inspection</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="24"/>
        <source>其他行政权力</source>
        <translation>Other administrative power</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="25"/>
        <source>公共服务</source>
        <translation>Public service</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="28"/>
        <source>自然人</source>
        <translation>Individuals</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="29"/>
        <source>法人</source>
        <translation>Organisations</translation>
    </message>
</context>
<context>
    <name>MaintenanceScreen</name>
    <message>
        <location filename="../../ui/screens/maintenance.py" line="40"/>
        <source>系统维护中</source>
        <translation>Under maintenance</translation>
    </message>
    <message>
        <location filename="../../ui/screens/maintenance.py" line="41"/>
        <source>事项目录暂时无法使用，请到服务窗口办理，或稍后再试。
给您带来不便，敬请谅解。</source>
        <translation>The service catalogue is unavailable. Please go to a service window or try again later.
We apologise for the inconvenience.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/maintenance.py" line="42"/>
        <source>技术信息：%1</source>
        <translation>Technical details: %1</translation>
    </message>
</context>
<context>
    <name>PlaceholderScreen</name>
    <message>
        <location filename="../../ui/screens/placeholder.py" line="40"/>
        <source>我要办理</source>
        <translation>Apply</translation>
    </message>
    <message>
        <location filename="../../ui/screens/placeholder.py" line="41"/>
        <source>进度查询</source>
        <translation>Check progress</translation>
    </message>
    <message>
        <location filename="../../ui/screens/placeholder.py" line="42"/>
        <source>评价</source>
        <translation>Rate our service</translation>
    </message>
    <message>
        <location filename="../../ui/screens/placeholder.py" line="43"/>
        <source>咨询投诉</source>
        <translation>Enquiries and complaints</translation>
    </message>
    <message>
        <location filename="../../ui/screens/placeholder.py" line="47"/>
        <source>本终端暂未开通此项服务，将在后续版本提供。
现在可以先查看办事指南，或到服务窗口办理。</source>
        <translation>This service is not available on this terminal yet; it will come in a later version.
You can read the service guides now, or go to a service window.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/placeholder.py" line="49"/>
        <source>返回首页</source>
        <translation>Back to home</translation>
    </message>
</context>
<context>
    <name>SearchScreen</name>
    <message>
        <location filename="../../ui/screens/search.py" line="219"/>
        <source>正在查找…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/search.py" line="221"/>
        <source>暂时无法查询，请稍后再试或到窗口咨询。</source>
        <translation>Search is unavailable right now. Please try again later or ask at a service window.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/screens/search.py" line="223"/>
        <source>找到 %n 个事项，点击查看办事指南</source>
        <translation>
            <numerusform>%n item found, tap it to read the guide</numerusform>
            <numerusform>%n items found, tap one to read its guide</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/screens/search.py" line="225"/>
        <source>没有找到相关事项。请换个说法试试，如“低保”“身份证”，或到窗口咨询。</source>
        <translation>Nothing found. Try other words, or ask at a service window.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/search.py" line="227"/>
        <source>常办事项如下，点击查看；也可输入事项名称、常用说法或拼音首字母，例如：身份证、低保、sfz</source>
        <translation>Frequently used items below: tap one, or type an item name, an everyday word or pinyin initials, e.g. 身份证, 低保, sfz</translation>
    </message>
    <message>
        <location filename="../../ui/screens/search.py" line="229"/>
        <source>可输入事项名称、常用说法或拼音首字母，例如：身份证、低保、sfz</source>
        <translation>Type an item name, an everyday word or pinyin initials, e.g. 身份证, 低保, sfz</translation>
    </message>
    <message>
        <location filename="../../ui/screens/search.py" line="233"/>
        <source>办事指南 · 查找事项</source>
        <translation>Service guides · find an item</translation>
    </message>
    <message>
        <location filename="../../ui/screens/search.py" line="234"/>
        <source>请输入要办的事，如：身份证</source>
        <translation>What do you need? e.g. 身份证 (ID card)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/search.py" line="235"/>
        <source>清空</source>
        <translation>Clear</translation>
    </message>
</context>
<context>
    <name>SyncIndicator</name>
    <message>
        <location filename="../../ui/sync_indicator.py" line="41"/>
        <source>同步：检查中</source>
        <translation>Sync: checking</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/sync_indicator.py" line="43"/>
        <source>待上传 %n 件</source>
        <translation>
            <numerusform>%n to upload</numerusform>
            <numerusform>%n to upload</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/sync_indicator.py" line="45"/>
        <source>上次同步 %1</source>
        <translation>last sync %1</translation>
    </message>
    <message>
        <location filename="../../ui/sync_indicator.py" line="47"/>
        <source>尚未同步</source>
        <translation>never synced</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <location filename="../apply/messages.py" line="10"/>
        <source>会话已结束，请重新开始</source>
        <translation>the session was wiped, start again</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="12"/>
        <source>未知的办理渠道「{channel}」（可选：{known}）</source>
        <translation>unknown channel &apos;{channel}&apos; (known: {known})</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="15"/>
        <source>主题 {theme} 不是一件事联办，请选择其中的事项</source>
        <translation>theme {theme} ({code}) is not a bundle: choose one of its items</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="17"/>
        <source>事项表单定义有误，无法申请（{detail}）</source>
        <translation>the item&apos;s form definition is invalid: {detail}</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="20"/>
        <source>一件事主题的字段或材料对应有误，无法申请（{detail}）</source>
        <translation>invalid theme mapping: {detail}</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="22"/>
        <source>证件照片格式应为 {formats}</source>
        <translation>card photo format &apos;{format}&apos; unknown (expected {formats})</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="23"/>
        <source>证件照片数据不是有效的 base64</source>
        <translation>card photo: not valid base64</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="24"/>
        <source>表单没有这个字段：{field}</source>
        <translation>the form has no field &apos;{field}&apos;</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="28"/>
        <source>没有这个材料：{slot}</source>
        <translation>no material slot &apos;{slot}&apos;</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="29"/>
        <source>文件过大（上限 {limit_mb} MB）</source>
        <translation>file too large (limit {limit_mb} MB)</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="30"/>
        <source>无法读取文件 {name}（{reason}）</source>
        <translation>cannot read {name}: {reason}</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="31"/>
        <source>空文件</source>
        <translation>empty page</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="32"/>
        <source>未配置扫描仪</source>
        <translation>no scanner configured</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="33"/>
        <source>没有第 {page} 页</source>
        <translation>no page {page}</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="35"/>
        <source>本事项不支持容缺受理，「{material}」须现在提供</source>
        <translation>this item does not allow deferring &apos;{material}&apos;: provide it now</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="40"/>
        <source>{reason}</source>
        <translation>this card cannot be used for this application: {reason}</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="43"/>
        <source>表单还有 {count} 处需要修改（{first}）</source>
        <translation>the form has {count} error(s) to fix ({first})</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="45"/>
        <source>还缺少必需的材料：{materials}</source>
        <translation>required materials are missing: {materials}</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="49"/>
        <source>本终端没有受理编号 {number} 的记录</source>
        <translation>no submission with receipt number {number} here</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="50"/>
        <source>没有找到保留的草稿 {code}</source>
        <translation>no kept draft with code {code}</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="52"/>
        <source>没有找到草稿 {code}（保留的草稿 {days} 天后自动删除）</source>
        <translation>no draft with code {code} (kept drafts are deleted after {days} days)</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="56"/>
        <source>草稿 {code} 已超过保留期限（保留至 {until}），已删除，请重新申请</source>
        <translation>draft {code} expired (kept until {until}) and was deleted: start a new application</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="62"/>
        <source>受理编号格式或校验位不对：{number}</source>
        <translation>not a valid receipt number: {number}</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="65"/>
        <source>评价等级应为 {levels} 之一</source>
        <translation>unknown rating level &apos;{level}&apos; (one of {levels})</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="67"/>
        <source>差评请至少选择一个原因</source>
        <translation>a bad rating needs a reason</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="68"/>
        <source>评价内容过长（上限 {limit} 字）</source>
        <translation>text too long (limit {limit} characters)</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="70"/>
        <source>咨询投诉的类型应为 {known} 之一</source>
        <translation>unknown kind &apos;{kind}&apos; (one of {known})</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="73"/>
        <source>咨询投诉的对象应为 {known} 之一</source>
        <translation>unknown subject &apos;{subject}&apos; (one of {known})</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="75"/>
        <source>请填写内容</source>
        <translation>the text is empty</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="76"/>
        <source>内容过长（上限 {limit} 字）</source>
        <translation>text too long (limit {limit} characters)</translation>
    </message>
    <message>
        <location filename="../apply/messages.py" line="77"/>
        <source>未配置高拍仪</source>
        <translation>no document camera configured</translation>
    </message>
</context>
</TS>
