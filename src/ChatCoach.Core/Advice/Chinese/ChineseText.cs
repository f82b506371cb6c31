using System.Collections.Frozen;
using System.Text;

namespace ChatCoach.Core.Advice.Chinese;

/// <summary>
/// Text preparation for Chinese analysis: Traditional characters to Simplified (a table of the 872 characters
/// that differ and that running and everyday chat use; the rest pass unchanged), full-width Latin letters and digits
/// to ASCII, Latin lower-cased, and a few homophone typos. Only for analysis: replies are written in Simplified.
/// </summary>
internal static class ChineseText
{
    // Pairs by position: Traditional[i] becomes Simplified[i].
    private const string Traditional = ""
        + "蓋裡裏東夾幾飛機腫熱兒歲腳這種來說話還發燒紅會們個為麼樣實體醫師療訓練後長點頭腦電傷觸覺彎轉節開關動"
        + "變應該過邊與對從無當現見問題讓給氣雙勢間隨確錯誤處經驗試輕鬆協調線聽聲響頸帶墊襪壓穩衝擊準備員強壯顆"
        + "質營養減擔術癒縫脹劇難針癢斷韌髕軟損脛繩內膕馬賽紀錄頻著緩撐護繃輪靜側臥單復飲標燙戰顫樂蟲擴黃膿盜塊"
        + "褲繫綁凍鐘週於並幫愛歡謝請讀寫學習認識記夠終僅儘盡據選擇戲舊遠離錢買賣貴價車場爾嗎媽孫親級國華語張門"
        + "閒層樓階區環濕溫涼風雲陽陰燈號碼鍛煉鐵錶螢鎖筆網絡導緊纖維組織細結構態狀況沒歷曆痠頓費時齡傳統運裝專"
        + "業議論談討詢診檢報掃藥劑貼掛嚴適擾參範圍麵飯雞魚蝦豬湯醬臟髒腎臉膚髖彈躍邁擺傾頂計劃畫總數績獎啟暫繼"
        + "續辦聞誰將須憂慮驚嚇進遲較兩隻條項類陣閃爍鑽絆撲衛紙廁輸贏隊團訊聯際頁鏈領獲勝敗負壞換購貨幣銀賬戶證"
        + "鑰廳廚殺噴霧險訴聖誕慶賀頒遊視讚厲雖雜誌屬係揮揚擁擠擋攝攜搶採捨揀搖擬攤龍鳳龜鳥驢騎驅駕駛騷驟鬧鬥麥"
        + "黨齊齒飽餓餅館飾釘鈣鉀鈉鋅銅鋁鏡鑑閉閱闊隱靈韓順預顏額顧顯骯髮魯鮮鳴麗磚礎禮禍稱穀窮競簡簽籃籤糧糾約"
        + "紋納純紛絕絨絲綠綜緒編縣縮繞繪纏罰罵羅義翹聰職脅脈腸膠膽臨興舉藝莊葉蘇蘋蘭虛補製複襯規覽觀訂訪設許註"
        + "詞詩詳誇誠課諮諾謊講譯豐貓貝財貢販責資賓賠賴贈贊趕趨軌軍載輔輛轎辭農達違遙遞遷遺鄉鄰醜釋鈴鉛銷鋪鋒錦"
        + "鍋鍵鎮閘闆陸陳頗願颱飄飢餘饅鹹鹽喚嘆噸圖園圓壺夢奪奮婦嬰寧寢審寬寶尋屆島峽嶺巖帥帳幹乾庫廂廣廠廢徑徵"
        + "徹恆悅惡惱慘慣憐憑懶懷懸戀拋撈撥敘斂晉晝暈曉書極槍樹橋檯櫃權歸殘毀漢溝滅滿漲漸潔潛澀濃濟濾灑灘灣爐爛"
        + "烏煙煩爭爺牆牽獨獸產畢異瘡皺盞監盤眾衆睜矯礙禦窩築籌緣罷膩艙蓮薦蘿蝕螞蠟襖覓詐誘諒謎謹譜豎豈貸賞賭趙"
        + "跡踐蹤軀辯遜郵鏟闖隸韻顛颳騙驕鬚鬱鹼黴龐積滾軸橢屢鈍銳蟻脫紮滲溼槓啞嘔癱瘓癥痺淚蹌踴嚨綳頰輩矽瑪鞦韆"
        + "穫醞釀嘗噹擲攪懼樁歎殼氫瀉煥燦瘋盧矚碩穌竅糞紐紗紳絃綱縱繳聳臍薩謂謠賤賦軋輝轟鄧釣鋼錨鍾闌隕雛靂韋頌"
        + "顱颶餡餵騰髏鬢鴨鵝鷹麩壩墳壇墜墮嗆嘍囉蔔蔥蕩藍蘆虧蝸蠅衊襲覈觴訝詛諷謙謬譴讒豔贖躂躉轍邏醃醖鈔銜鋸錘"
        + "鎊鐮钁閩闡隴雋靚頹饑驛鬨魘鯨鱷鶴鸚鹵麤黲齟齬";

    private const string Simplified = ""
        + "盖里里东夹几飞机肿热儿岁脚这种来说话还发烧红会们个为么样实体医师疗训练后长点头脑电伤触觉弯转节开关动"
        + "变应该过边与对从无当现见问题让给气双势间随确错误处经验试轻松协调线听声响颈带垫袜压稳冲击准备员强壮颗"
        + "质营养减担术愈缝胀剧难针痒断韧髌软损胫绳内腘马赛纪录频着缓撑护绷轮静侧卧单复饮标烫战颤乐虫扩黄脓盗块"
        + "裤系绑冻钟周于并帮爱欢谢请读写学习认识记够终仅尽尽据选择戏旧远离钱买卖贵价车场尔吗妈孙亲级国华语张门"
        + "闲层楼阶区环湿温凉风云阳阴灯号码锻炼铁表萤锁笔网络导紧纤维组织细结构态状况没历历酸顿费时龄传统运装专"
        + "业议论谈讨询诊检报扫药剂贴挂严适扰参范围面饭鸡鱼虾猪汤酱脏脏肾脸肤髋弹跃迈摆倾顶计划画总数绩奖启暂继"
        + "续办闻谁将须忧虑惊吓进迟较两只条项类阵闪烁钻绊扑卫纸厕输赢队团讯联际页链领获胜败负坏换购货币银账户证"
        + "钥厅厨杀喷雾险诉圣诞庆贺颁游视赞厉虽杂志属系挥扬拥挤挡摄携抢采舍拣摇拟摊龙凤龟鸟驴骑驱驾驶骚骤闹斗麦"
        + "党齐齿饱饿饼馆饰钉钙钾钠锌铜铝镜鉴闭阅阔隐灵韩顺预颜额顾显肮发鲁鲜鸣丽砖础礼祸称谷穷竞简签篮签粮纠约"
        + "纹纳纯纷绝绒丝绿综绪编县缩绕绘缠罚骂罗义翘聪职胁脉肠胶胆临兴举艺庄叶苏苹兰虚补制复衬规览观订访设许注"
        + "词诗详夸诚课咨诺谎讲译丰猫贝财贡贩责资宾赔赖赠赞赶趋轨军载辅辆轿辞农达违遥递迁遗乡邻丑释铃铅销铺锋锦"
        + "锅键镇闸板陆陈颇愿台飘饥余馒咸盐唤叹吨图园圆壶梦夺奋妇婴宁寝审宽宝寻届岛峡岭岩帅帐干干库厢广厂废径征"
        + "彻恒悦恶恼惨惯怜凭懒怀悬恋抛捞拨叙敛晋昼晕晓书极枪树桥台柜权归残毁汉沟灭满涨渐洁潜涩浓济滤洒滩湾炉烂"
        + "乌烟烦争爷墙牵独兽产毕异疮皱盏监盘众众睁矫碍御窝筑筹缘罢腻舱莲荐萝蚀蚂蜡袄觅诈诱谅谜谨谱竖岂贷赏赌赵"
        + "迹践踪躯辩逊邮铲闯隶韵颠刮骗骄须郁碱霉庞积滚轴椭屡钝锐蚁脱扎渗湿杠哑呕瘫痪症痹泪跄踊咙绷颊辈硅玛秋千"
        + "获酝酿尝当掷搅惧桩叹壳氢泻焕灿疯卢瞩硕稣窍粪纽纱绅弦纲纵缴耸脐萨谓谣贱赋轧辉轰邓钓钢锚钟阑陨雏雳韦颂"
        + "颅飓馅喂腾髅鬓鸭鹅鹰麸坝坟坛坠堕呛喽啰卜葱荡蓝芦亏蜗蝇蔑袭核觞讶诅讽谦谬谴谗艳赎跶趸辙逻腌酝钞衔锯锤"
        + "镑镰镢闽阐陇隽靓颓饥驿哄魇鲸鳄鹤鹦卤粗黪龃龉";

    private static readonly FrozenDictionary<char, char> ToSimplifiedMap = BuildMap();

    // Homophone typos that change a warning sign's meaning (种起来 typed for 肿起来).
    private static readonly (string Typo, string Meant)[] Homophones =
    [
        ("种起来", "肿起来"), ("种了起来", "肿了起来"), ("种得", "肿得"), ("种成", "肿成"), ("又种", "又肿"),
        ("红种", "红肿"), ("种胀", "肿胀"), ("很种", "很肿"),
        // Pinyin-input slips on a sign word after the body part (zhong, fa shao): used for analysis only, never shown.
        ("膝盖种", "膝盖肿"), ("脚踝种", "脚踝肿"), ("小腿种", "小腿肿"), ("种种的", "肿肿的"), ("发骚", "发烧"),
    ];

    /// <summary>
    /// A normalised text's tokens for the topic classifier's features: each Han character, and each run of Latin
    /// letters or digits as one token; punctuation and emoji are dropped (<see cref="Semantic.LexicalFeatures"/>
    /// adds the adjacent pairs, the character bigrams).
    /// </summary>
    public static List<string> Tokens(string normalized)
    {
        var tokens = new List<string>();
        var word = new System.Text.StringBuilder();
        foreach (var c in normalized)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                word.Append(c);
                continue;
            }

            if (word.Length > 0)
            {
                tokens.Add(word.ToString());
                word.Clear();
            }

            if (IsHan(c))
            {
                tokens.Add(c.ToString());
            }
        }

        if (word.Length > 0)
        {
            tokens.Add(word.ToString());
        }

        return tokens;
    }

    /// <summary>True when the character is a CJK ideograph (the unified block and extension A).</summary>
    public static bool IsHan(char c) => c is (>= '\u4E00' and <= '\u9FFF') or (>= '\u3400' and <= '\u4DBF');

    /// <summary>Counts Han characters in the text.</summary>
    public static int CountHan(ReadOnlySpan<char> text)
    {
        var count = 0;
        foreach (var c in text)
        {
            if (IsHan(c))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>True when a Traditional-only character occurs (the person may prefer Traditional).</summary>
    public static bool HasTraditional(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (ToSimplifiedMap.ContainsKey(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Simplified, half-width, lower-case text, the same length as the input bar the typo fixes.</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var d = c switch
            {
                >= '\uFF01' and <= '\uFF5E' when !IsChinesePunctuation(c) => (char)(c - 0xFEE0),
                '\u3000' => ' ',
                _ => c,
            };
            if (ToSimplifiedMap.TryGetValue(d, out var simple))
            {
                d = simple;
            }

            builder.Append(char.ToLowerInvariant(d));
        }

        foreach (var (typo, meant) in Homophones)
        {
            builder.Replace(typo, meant);
        }

        return builder.ToString();
    }

    // Full-width punctuation that ends a clause stays as it is, so that sentence splitting sees it.
    private static bool IsChinesePunctuation(char c) => c is '\uFF0C' or '\uFF01' or '\uFF1F' or '\uFF1B' or '\uFF1A';

    private static FrozenDictionary<char, char> BuildMap()
    {
        var map = new Dictionary<char, char>(Traditional.Length);
        for (var i = 0; i < Traditional.Length; i++)
        {
            map[Traditional[i]] = Simplified[i];
        }

        return map.ToFrozenDictionary();
    }
}
